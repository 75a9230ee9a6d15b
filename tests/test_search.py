"""Search at /search/?q=: only published stories, friendly on bad input, constant queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Status

from .factories import make_article, make_ticker

pytestmark = pytest.mark.django_db
on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search only")


def search(client, q, **params):
    """The search page's <main>, without the ticker."""
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_search_finds_published_story_by_a_word_of_its_headline(client):
    story = make_article(headline="Ferry link reopens after storm", body="<p>Crossings resume at dawn.</p>")
    make_article(headline="Rain expected on the coast")
    html = search(client, "ferry")
    assert f'href="{story.get_absolute_url()}"' in html
    assert "Rain expected on the coast" not in html
    assert "1 story match" in html


def test_search_finds_a_word_that_is_only_in_the_body(client):
    story = make_article(headline="Harbour news", body="<p>The lighthouse keeper retired on Friday.</p>")
    assert f'href="{story.get_absolute_url()}"' in search(client, "lighthouse")


def test_search_never_shows_unpublished_scheduled_embargoed_or_withdrawn_stories(client):
    now = timezone.now()
    make_article(headline="Zeppelin draft", status=Status.DRAFT, published_at=None)
    make_article(headline="Zeppelin scheduled", published_at=now + timedelta(hours=2))
    make_article(headline="Zeppelin embargoed", embargo_until=now + timedelta(hours=2))
    make_article(headline="Zeppelin withdrawn", status=Status.WITHDRAWN)
    visible = make_article(headline="Zeppelin flies again")
    html = search(client, "zeppelin")
    assert "Zeppelin flies again" in html
    assert f'href="{visible.get_absolute_url()}"' in html
    for hidden in ("draft", "scheduled", "embargoed", "withdrawn"):
        assert f"Zeppelin {hidden}" not in html


@pytest.mark.parametrize("q", ["", "   ", "\x00"])
def test_empty_search_gets_a_friendly_page(client, q):
    html = search(client, q)
    assert "data-search-problem" in html
    assert "Type a word or two" in html


def test_over_long_search_gets_a_friendly_page_not_an_error(client):
    make_article(headline="Ferry")
    html = search(client, "ferry " * 60)
    assert "That search is too long" in html
    assert "story-list__item" not in html


def test_search_with_no_match_says_so_and_keeps_the_words_in_the_box(client):
    make_article(headline="Ferry link reopens")
    html = search(client, "volcano")
    assert "No published stories match <q>volcano</q>" in html
    assert 'value="volcano"' in html


def test_odd_search_syntax_never_errors(client):
    make_article(headline="Ferry link reopens")
    for q in ['"unclosed', "-", "or or", "a & | ! :*", "ferry -storm", "'); DROP TABLE x; --"]:
        search(client, q)


def test_snippet_marks_the_words_and_escapes_the_text(client):
    make_article(headline="Ferry <b>bold</b> link", summary="Ferry crews & <script>alert(1)</script> return.")
    html = search(client, "ferry")
    assert "<mark>Ferry</mark>" in html
    assert "<script>alert(1)</script>" not in html


def test_search_pages_keep_the_words_in_their_links(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    for n in range(5):
        make_article(headline=f"Ferry timetable {n}")
    html = search(client, "ferry timetable")
    assert 'href="?q=ferry%20timetable&amp;page=2"' in html
    assert "Page 1 of 3" in html
    assert "Page 3 of 3" in search(client, "ferry timetable", page=3)


@on_postgres
def test_headline_match_ranks_above_newer_body_match(client):
    older = make_article(headline="Glacier retreats", published_at=timezone.now() - timedelta(days=3))
    newer = make_article(headline="Mountain weather", body="<p>A glacier was mentioned once.</p>")
    html = search(client, "glacier")
    assert html.index(older.get_absolute_url()) < html.index(newer.get_absolute_url())


@on_postgres
def test_postgres_search_reads_the_stored_document_through_its_gin_index():
    """Search matches on the stored column (migration 0010), through its index."""
    from django.contrib.postgres.search import SearchQuery

    from articles.models import Article
    from articles.search import CONFIG, search_vector

    for n in range(3):
        make_article(headline=f"Story {n}")
    query = Article.objects.annotate(document=search_vector()).filter(document=SearchQuery("ferry", config=CONFIG))
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table would be scanned otherwise
        plan = query.explain()
    assert "article_search_document_gin" in plan


@pytest.mark.parametrize("n", [1, 30])
def test_search_page_query_count_is_constant(client, django_assert_num_queries, n):
    make_ticker()
    for i in range(n):
        make_article(headline=f"Ferry story {i}", tags=["shipping", f"tag-{i}"])
    # 1 count, 2 the page of stories (source and lead photo joined),
    # 3-5 the ticker (not cached yet): its row, its entries, the newest stories.
    with django_assert_num_queries(5):
        html = search(client, "ferry")
    assert html.count("story-list__item") == min(n, 20)


def test_empty_search_page_runs_only_the_ticker_queries(client, django_assert_num_queries):
    make_ticker()
    # 1-3 the ticker: its row, its entries, the newest stories.
    with django_assert_num_queries(3):
        search(client, "")


@on_postgres
def test_a_word_in_many_stories_ranks_the_newest_matches(client, monkeypatch):
    """Ranking reads each match's whole document, so PostgreSQL ranks only the
    newest RANK_WINDOW matches; the page says how many match and how many are listed."""
    from articles import search as readers_search

    monkeypatch.setattr(readers_search, "RANK_WINDOW", 2)
    oldest = make_article(headline="Glacier glacier glacier", published_at=timezone.now() - timedelta(days=9))
    newer = [
        make_article(
            headline=f"Report {n}", body="<p>A glacier, once.</p>", published_at=timezone.now() - timedelta(days=n)
        )
        for n in (1, 2)
    ]
    html = search(client, "glacier")
    assert "3 stories match" in html
    assert "The newest 2 are listed, best match first." in html
    assert all(story.get_absolute_url() in html for story in newer)
    assert oldest.get_absolute_url() not in html  # the best match, but outside the window
