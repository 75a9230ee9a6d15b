"""A GIN index over the search document, on PostgreSQL only.

The expression must stay identical to articles.search.search_vector(); it is
written out here so this migration keeps meaning what it meant. Nothing is
added to the model state (the index lives only in PostgreSQL), so other
databases and makemigrations are unaffected.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX = "article_search_gin"


def index():
    vector = SearchVector("headline", weight="A", config="english") + SearchVector(
        "summary", "body", weight="B", config="english"
    )
    return GinIndex(vector, name=INDEX)


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("articles", "Article"), index())


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("articles", "Article"), index())


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_editorial_roles")]

    operations = [migrations.RunPython(add, remove, elidable=False)]
