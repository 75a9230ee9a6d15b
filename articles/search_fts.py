"""Search on SQLite (the embedded default): an FTS5 index of every story's
headline, summary and body, kept in step by triggers on articles_article, read
through models.StoryText. A search reads the index, never the stories' text.

Django's SQLite schema editor rebuilds a table to alter it (new table, copy,
drop, rename), and dropping a table drops its triggers; so after every
`migrate`, ensure_index() puts missing triggers back and rebuilds the index
from the stories.
"""

from django.db import connections
from django.db.models.signals import post_migrate

# Written out in full (no string building): these are the whole of the index's upkeep.
TABLE = "articles_article_fts"
CREATE_TABLE = (
    "CREATE VIRTUAL TABLE articles_article_fts USING fts5(headline, summary, body,"
    " content='articles_article', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"
)
REBUILD = "INSERT INTO articles_article_fts(articles_article_fts) VALUES ('rebuild')"
TRIGGERS = {
    "articles_article_fts_insert": """CREATE TRIGGER articles_article_fts_insert AFTER INSERT ON articles_article
        BEGIN
        INSERT INTO articles_article_fts(rowid, headline, summary, body)
            VALUES (new.id, new.headline, new.summary, new.body);
        END""",
    "articles_article_fts_delete": """CREATE TRIGGER articles_article_fts_delete AFTER DELETE ON articles_article
        BEGIN
        INSERT INTO articles_article_fts(articles_article_fts, rowid, headline, summary, body)
            VALUES ('delete', old.id, old.headline, old.summary, old.body);
        END""",
    "articles_article_fts_update": """CREATE TRIGGER articles_article_fts_update
        AFTER UPDATE OF headline, summary, body ON articles_article
        BEGIN
        INSERT INTO articles_article_fts(articles_article_fts, rowid, headline, summary, body)
            VALUES ('delete', old.id, old.headline, old.summary, old.body);
        INSERT INTO articles_article_fts(rowid, headline, summary, body)
            VALUES (new.id, new.headline, new.summary, new.body);
        END""",
}


def ensure_index(connection):
    """Create the FTS5 table and its triggers where they are missing (SQLite only);
    rebuild the index when anything was missing. Safe to call again."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE %s", [f"{TABLE}%"])
        present = {row[0] for row in cursor.fetchall()}
        missing = ({TABLE} | set(TRIGGERS)) - present
        if not missing:
            return
        if TABLE in missing:
            cursor.execute(CREATE_TABLE)
        for name, sql in TRIGGERS.items():
            if name in missing:
                cursor.execute(sql)
        cursor.execute(REBUILD)


def drop_index(connection):
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for name in TRIGGERS:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
        cursor.execute("DROP TABLE IF EXISTS articles_article_fts")


def match_expression(query):
    """The reader's words as an FTS5 query: every word must appear (any form the
    Porter stemmer folds together), each quoted so no word is read as an operator;
    a "quoted phrase" stays a phrase. '' when nothing searchable is left."""
    parts, excluded = [], []
    for n, chunk in enumerate(query.split('"')):
        if n % 2:  # inside quotes: one phrase
            if chunk.split():
                parts.append('"' + " ".join(chunk.split()) + '"')
            continue
        for word in chunk.split():
            if not any(ch.isalnum() for ch in word):
                continue
            if word.startswith("-") and len(word) > 1:  # -word leaves it out, as on PostgreSQL
                excluded.append('"' + word[1:] + '"')
            else:
                parts.append('"' + word + '"')
    if not parts:
        return ""
    return " AND ".join(parts) + "".join(f" NOT {word}" for word in excluded)


def _after_migrate(sender, using, **kwargs):
    ensure_index(connections[using])


def connect(app_config):
    post_migrate.connect(_after_migrate, sender=app_config, dispatch_uid="articles-fts5-index")
