"""Tag and byline archives ask for their stories the cheaper way for the tag's size
(articles/archives.py), and list the same stories either way: the visible ones,
newest first, a page at a time."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import archives
from articles.models import Article, Status

from .factories import make_article, make_byline

pytestmark = pytest.mark.django_db


def headlines(client, url, page=1):
    html = client.get(url, {"page": page}).content.decode()
    return re.findall(r'class="story-list__headline"><a [^>]*>([^<]+)</a>', html)


def page_query(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return next(q["sql"] for q in queries.captured_queries if '"headline"' in q["sql"])


@pytest.fixture
def archive(settings, monkeypatch):
    """40 stories an hour apart, newest first in `stories`: "common" on 30 of them
    (walked newest first), "rare" on 3 (read through its items); one byline on 30,
    one on 3. Plus a draft and a scheduled story with both tags."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.ARTICLES_PER_PAGE = 10
    now = timezone.now()
    busy, occasional = make_byline(slug="busy"), make_byline(slug="occasional")
    stories = []
    for n in range(40):
        tags = (["common"] if n % 4 else []) + (["rare"] if n in (5, 17, 33) else [])
        bylines = ([busy] if n % 4 else []) + ([occasional] if n in (5, 17, 33) else [])
        stories.append(
            make_article(headline=f"Story {n}", published_at=now - timedelta(hours=n), tags=tags, bylines=bylines)
        )
    make_article(headline="Draft", status=Status.DRAFT, published_at=None, tags=["common", "rare"])
    make_article(headline="Later", published_at=now + timedelta(hours=1), tags=["common", "rare"], bylines=[busy])
    # The archive's size is read from the newest id, which a database's sequence
    # may have taken far past 42 in earlier tests: the line between 3² and 30².
    monkeypatch.setattr(archives, "WALK_FACTOR", 100 / Article.objects.order_by("-pk").first().pk)
    return stories


@pytest.mark.parametrize("url", ["/tags/common/", "/bylines/busy/"])
def test_a_common_tag_or_byline_walks_the_newest_stories(client, archive, url):
    expected = [story.headline for n, story in enumerate(archive) if n % 4]
    pages = [headlines(client, url, page) for page in (1, 2, 3)]
    assert pages == [expected[:10], expected[10:20], expected[20:30]]
    assert "EXISTS" in page_query(client, url)


@pytest.mark.parametrize("url", ["/tags/rare/", "/bylines/occasional/"])
def test_a_rare_tag_or_byline_reads_its_own_stories(client, archive, url):
    assert headlines(client, url) == ["Story 5", "Story 17", "Story 33"]
    assert "EXISTS" not in page_query(client, url)
