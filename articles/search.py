"""Search for readers at /search/?q=.

On PostgreSQL: full-text search with the headline weighted above the summary
and the body, ranked, with highlighted snippets, reading a stored, GIN-indexed
document column (migration 0010) so neither matching nor ranking re-reads the
stories' text as the archive grows. On SQLite: the FTS5 index of
articles/search_fts.py, every word must appear in the headline, summary or
body (stemmed: "ferries" finds "ferry"), best match first by FTS5's BM25 rank.
Both start from Article.objects.published(), so readers find only what they
may see.
"""

import functools
import html
import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Expression, TextField, Value
from django.db.models.expressions import Col
from django.db.models.functions import Concat
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from . import river
from .models import Article, StoryText
from .search_fts import match_expression

MAX_QUERY_LENGTH = 200
RANK_WINDOW = 1000  # PostgreSQL: how many of the newest matches are ranked (search())
CONFIG = "english"
# Snippet highlights are marked with private-use characters inside the
# database, then turned into <mark> after the text has been escaped.
START, STOP = "\ue000", "\ue001"


class StoredDocument(Expression):
    """The story's weighted search document on PostgreSQL: the headline (weight A)
    above the summary and body (B), kept by PostgreSQL itself in the stored column
    `articles_article.search_document`, GIN-indexed (migration 0010). The column is
    not in the model (SQLite has none), so this expression names it; it resolves
    to a column of whatever alias the query gives the stories' table, subqueries
    included."""

    output_field = SearchVectorField()

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        column = SearchVectorField()
        column.set_attributes_from_name("search_document")
        column.model = Article
        return Col(query.get_initial_alias(), column, output_field=column)


def search_vector():
    return StoredDocument()


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


def ranked_window():
    """How many matches search() ranks and lists at most (None: all of them)."""
    return RANK_WINDOW if uses_postgres() else None


def _matches(query):
    """PostgreSQL: the published stories whose stored document matches `query`."""
    terms = SearchQuery(query, config=CONFIG, search_type="websearch")
    return Article.objects.published().alias(document=search_vector()).filter(document=terms)


def search(query):
    """Published stories matching `query`, best match first, shaped for lists.

    On PostgreSQL the rank is computed for the RANK_WINDOW newest matches only: a
    word in a fifth of a big archive matches thousands of stories, and ranking
    reads each one's whole stored document. Finding the newest matches needs
    only the index and their dates."""
    stories = Article.objects.published()
    if uses_postgres():
        terms = SearchQuery(query, config=CONFIG, search_type="websearch")
        newest = _matches(query).order_by("-published_at", "-id").values("pk")[:RANK_WINDOW]
        return river.rows(
            stories.filter(pk__in=newest)
            .annotate(
                rank=SearchRank(search_vector(), terms),
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
            .order_by("-rank", "-published_at", "-id"),
            snippet="snippet",
        )
    expression = match_expression(query)
    if not expression:
        return river.rows(stories.none())
    # By rank alone: FTS5 then sorts its matches itself, scoring each once; any other
    # key after it makes SQLite score every match again for its own sort (3x the cost
    # at 200 matches). Equal scores (BM25 weighs each story's length: rare) keep the
    # index's order, the same on every page.
    matching = stories.filter(text_index__document__match=expression)
    return river.rows(matching.order_by("text_index__rank"))


def count(query):
    """How many published stories match: on SQLite from the index alone (as a join,
    SQLite would walk every published story and ask the index about each)."""
    if uses_postgres():
        return _matches(query).count()
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


@functools.lru_cache(maxsize=2048)
def highlight(raw):
    """Plain text with START/STOP marks -> escaped HTML with <mark> elements; kept per
    worker (the same search in a surge of readers shows the same snippets, and
    stripping tags costs more than the rest of a result)."""
    text = escape(html.unescape(strip_tags(raw)))
    text = re.sub(f"{START}(.*?){STOP}", r"<mark>\1</mark>", text, flags=re.S)
    return mark_safe(text.replace(START, "").replace(STOP, ""))  # noqa: S308 - escaped above
