"""Search for readers at /search/?q=.

On PostgreSQL: full-text search with the headline weighted above the summary
and the body, ranked, with highlighted snippets; a GIN expression index over
the same vector (migration 0005) keeps it fast as the archive grows. On
SQLite: the FTS5 index of articles/search_fts.py, every word must appear in
the headline, summary or body (stemmed: "ferries" finds "ferry"), best match
first by FTS5's BM25 rank.
Both start from Article.objects.published(), so readers find only what they
may see.
"""

import html
import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, TextField, Value
from django.db.models.functions import Concat
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from .models import Article, StoryText
from .search_fts import match_expression

MAX_QUERY_LENGTH = 200
CONFIG = "english"
# Snippet highlights are marked with private-use characters inside the
# database, then turned into <mark> after the text has been escaped.
START, STOP = "\ue000", "\ue001"


def search_vector():
    """The weighted document. Migration 0003 indexes exactly this expression:
    change one and you must change the other (a PostgreSQL test checks the
    index is used)."""
    return SearchVector("headline", weight="A", config=CONFIG) + SearchVector(
        "summary", "body", weight="B", config=CONFIG
    )


def clean_query(raw):
    """The reader's words, without control characters and extra spaces."""
    return " ".join(re.sub(r"[\x00-\x1f\x7f\ue000\ue001]", " ", raw or "").split())


def problem_with(query):
    """A friendly sentence when there is nothing sensible to search for, else ''."""
    if not query:
        return "Type a word or two to search the stories."
    if len(query) > MAX_QUERY_LENGTH:
        return f"That search is too long. Please use at most {MAX_QUERY_LENGTH} characters."
    return ""


def uses_postgres():
    return connection.vendor == "postgresql"


def search(query):
    """Published stories matching `query`, best match first, shaped for lists."""
    stories = Article.objects.published().for_river()
    if uses_postgres():
        terms = SearchQuery(query, config=CONFIG, search_type="websearch")
        return (
            stories.annotate(document=search_vector())
            .filter(document=terms)
            .annotate(
                rank=SearchRank(F("document"), terms),
                snippet=SearchHeadline(
                    Concat("summary", Value(" "), "body", output_field=TextField()),
                    terms,
                    config=CONFIG,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=35,
                    min_words=15,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", "-published_at", "-id")
        )
    expression = match_expression(query)
    if not expression:
        return stories.none()
    return stories.filter(text_index__document__match=expression).order_by("text_index__rank", "-published_at", "-id")


def count(query):
    """How many published stories match: on SQLite from the index alone (as a join,
    SQLite would walk every published story and ask the index about each)."""
    if uses_postgres():
        return search(query).count()
    expression = match_expression(query)
    if not expression:
        return 0
    matching = StoryText.objects.filter(document__match=expression).values("article_id")
    return Article.objects.published().filter(pk__in=matching).count()


def add_snippets(stories, query):
    """Give each story a safe `snippet_html`: PostgreSQL's highlighted extract,
    or (on SQLite) the summary with the reader's words marked."""
    words = [re.escape(word) for word in query.split()]
    for story in stories:
        raw = getattr(story, "snippet", None)
        if raw is None:
            raw = story.summary
            if words:
                raw = re.sub(f"({'|'.join(words)})", rf"{START}\1{STOP}", raw, flags=re.IGNORECASE)
        story.snippet_html = highlight(raw)
    return stories


def highlight(raw):
    """Plain text with START/STOP marks -> escaped HTML with <mark> elements."""
    text = escape(html.unescape(strip_tags(raw)))
    text = re.sub(f"{START}(.*?){STOP}", r"<mark>\1</mark>", text, flags=re.S)
    return mark_safe(text.replace(START, "").replace(STOP, ""))  # noqa: S308 - escaped above
