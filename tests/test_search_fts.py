"""Search on SQLite reads the FTS5 index (articles/search_fts.py), which follows
every insert, edit and delete of a story, and never scans the stories' text."""

import re

import pytest
from django.db import connection

from articles import search_fts
from articles.models import Article, Status
from articles.search import search

from .factories import make_article

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 index is SQLite's; PostgreSQL uses GIN"),
]


def found(q):
    return [story.headline for story in search(q)]


def test_words_are_found_in_any_form_the_stemmer_folds_together():
    make_article(headline="Ferries resume crossings", body="<p>The harbour reopened.</p>")
    make_article(headline="Rain on the coast")
    assert found("ferry") == ["Ferries resume crossings"]
    assert found("harbours reopening") == ["Ferries resume crossings"]


def test_every_word_must_appear_and_a_minus_leaves_one_out():
    make_article(headline="Grain ships leave port")
    make_article(headline="Grain prices fall")
    assert found("grain port") == ["Grain ships leave port"]
    assert found("grain -port") == ["Grain prices fall"]


def test_the_index_follows_edits_and_deletes():
    story = make_article(headline="Zeppelin lands safely")
    assert found("zeppelin") == ["Zeppelin lands safely"]
    story.headline = "Airship lands safely"
    story.save()
    assert found("zeppelin") == []
    assert found("airship") == ["Airship lands safely"]
    story.delete()
    assert found("airship") == []


def test_bulk_inserted_stories_are_searchable_at_once():
    source = make_article().source
    Article.objects.bulk_create(
        Article(
            headline=f"Bulk lighthouse {n}",
            slug=f"bulk-{n}",
            guid=f"bulk-{n}",
            source=source,
            status=Status.PUBLISHED,
            published_at=source.articles.get().published_at,
        )
        for n in range(3)
    )
    assert sorted(found("lighthouse")) == ["Bulk lighthouse 0", "Bulk lighthouse 1", "Bulk lighthouse 2"]


def test_unpublished_matches_are_left_out():
    make_article(headline="Quokka census draft", status=Status.DRAFT, published_at=None)
    make_article(headline="Quokka census published")
    assert found("quokka") == ["Quokka census published"]


@pytest.mark.parametrize("q", ['"', "OR", "AND NOT", "ferry OR", 'ferry"', "NEAR(a b)", "*", "-", "col:umn", "^x"])
def test_operators_and_stray_quotes_are_read_as_plain_words(client, q):
    make_article(headline="Ferry OR tanker")
    assert client.get("/search/", {"q": q}).status_code == 200


def test_a_quoted_phrase_stays_a_phrase():
    make_article(headline="River talks resume")
    make_article(headline="Talks on the river")
    assert found('"river talks"') == ["River talks resume"]


def test_search_reads_the_index_never_the_stories_table():
    make_article(headline="Harbour pilots strike")
    sql, params = search("harbour").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = " / ".join(str(row[-1]) for row in cursor.fetchall())
    assert "VIRTUAL TABLE INDEX" in plan
    assert "SCAN articles_article " not in plan + " ", plan


def test_migrate_puts_back_triggers_a_table_rebuild_dropped():
    """Django's SQLite schema editor rebuilds a table to alter it, which drops its
    triggers; ensure_index (run after every migrate) restores them and re-indexes."""
    with connection.cursor() as cursor:
        for name in search_fts.TRIGGERS:
            cursor.execute(f"DROP TRIGGER {name}")
    make_article(headline="Typhoon warning lifted")  # not indexed: no trigger
    assert found("typhoon") == []
    search_fts.ensure_index(connection)
    assert found("typhoon") == ["Typhoon warning lifted"]
    make_article(headline="Typhoon season ends")
    assert sorted(found("typhoon")) == ["Typhoon season ends", "Typhoon warning lifted"]


def test_best_match_first_and_equal_scores_page_the_same_way_every_time(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.ARTICLES_PER_PAGE = 3
    make_article(headline="Weather outlook", body="<p>Some tidal flooding is possible.</p>")
    make_article(headline="Tidal surge floods tidal flats", body="<p>A tidal surge hit the tidal flats.</p>")
    for n in range(5):  # five stories that score the same
        make_article(headline=f"Tide tables {n}", body="<p>Tidal times.</p>")
    assert found("tidal")[0] == "Tidal surge floods tidal flats"  # the word four times in a short story
    assert found("tidal")[-1] == "Weather outlook"  # once, in a longer one

    def results(page):
        html = client.get("/search/", {"q": "tidal", "page": page}).content.decode()
        return re.findall(r'class="story-list__headline"><a [^>]*>([^<]+)</a>', html)

    pages = [results(n) for n in (1, 2, 3)]
    assert sorted(sum(pages, [])) == sorted(found("tidal"))  # each story on exactly one page
    assert pages == [results(n) for n in (1, 2, 3)]
