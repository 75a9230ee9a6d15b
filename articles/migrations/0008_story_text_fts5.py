"""Search on SQLite through an FTS5 index (articles/search_fts.py): the virtual
table and its triggers on SQLite, nothing on PostgreSQL (which keeps its GIN
index from 0005). StoryText is the unmanaged model that reads it."""

import django.db.models.deletion
from django.db import migrations, models

import articles.models


def add(apps, schema_editor):
    from articles.search_fts import ensure_index

    ensure_index(schema_editor.connection)


def remove(apps, schema_editor):
    from articles.search_fts import drop_index

    drop_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_source_time_zone_byline_affiliation")]

    operations = [
        migrations.CreateModel(
            name="StoryText",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        db_column="rowid",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="text_index",
                        serialize=False,
                        to="articles.article",
                    ),
                ),
                ("document", articles.models.FullTextField(db_column="articles_article_fts")),
                ("rank", models.FloatField()),
            ],
            options={"db_table": "articles_article_fts", "managed": False},
        ),
        migrations.RunPython(add, remove, elidable=False),
    ]
