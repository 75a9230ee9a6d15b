"""An index for related stories (articles.story_page.related_stories).

Related stories start from the newest stories tagged with any of a story's
tags: taggit's own index on tag_id finds the tagged items, but each then had to
be read from the table for its content type and story id (a big tag is
hundreds of rows). This index holds all three, so the search is read from the
index alone. The table is django-taggit's, hence SQL rather than AddIndex
(its model state belongs to taggit); it is the same on SQLite and PostgreSQL.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_article_search_document"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX taggeditem_tag_type_object ON taggit_taggeditem (tag_id, content_type_id, object_id)",
            "DROP INDEX taggeditem_tag_type_object",
            elidable=False,
        )
    ]
