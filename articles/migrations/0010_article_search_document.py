"""PostgreSQL search reads a stored document instead of recomputing it.

Migration 0005 indexed an expression: the index found matches, but ranking
(and any plan that scans) ran to_tsvector over every candidate's whole body
on each search. Here the same weighted document becomes a stored generated
column, `search_document`, that PostgreSQL keeps in step with headline,
summary and body on every write, with a GIN index over it; the expression
index goes. SQLite has its own FTS5 index (0008) and is untouched.

The column lives only in PostgreSQL, not in the model state (Django never
reads or writes it; articles.search names it). A later migration that alters
headline, summary or body on PostgreSQL must drop the column first and add it
back after: PostgreSQL refuses to alter a column a generated column reads.
"""

from django.db import migrations

COLUMN = "search_document"
INDEX = "article_search_document_gin"
OLD_INDEX = "article_search_gin"

ADD = f"""
ALTER TABLE articles_article ADD COLUMN {COLUMN} tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, COALESCE(headline, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, COALESCE(summary, '') || ' ' || COALESCE(body, '')), 'B')
) STORED;
CREATE INDEX {INDEX} ON articles_article USING gin ({COLUMN});
DROP INDEX IF EXISTS {OLD_INDEX};
"""

REMOVE = f"""
CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON articles_article USING gin ((
    setweight(to_tsvector('english'::regconfig, COALESCE(headline, '')), 'A')
    || setweight(to_tsvector('english'::regconfig, COALESCE(summary, '') || ' ' || COALESCE(body, '')), 'B')
));
ALTER TABLE articles_article DROP COLUMN {COLUMN};
"""


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REMOVE)


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_desk_queue_indexes")]

    operations = [migrations.RunPython(add, remove, elidable=False)]
