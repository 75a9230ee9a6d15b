"""Sitemaps and robots.txt, parsed as a crawler parses them."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from articles.models import Status
from articles.sitemaps import MonthSitemap, NewsSitemap, news_language

from .factories import make_article, make_source

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml")
    return ElementTree.fromstring(response.content)  # noqa: S314 - our own answer, not outside input


def locs(root):
    return [loc.text for loc in root.findall("sm:url/sm:loc", NS)]


def sitemap_urls(client):
    """Every URL in /sitemap.xml's parts, as a crawler collects them."""
    index = xml(client, "/sitemap.xml")
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    urls = []
    for part in index.findall("sm:sitemap/sm:loc", NS):
        urls += locs(xml(client, part.text.removeprefix("http://testserver")))
    return urls


def test_sitemap_lists_stories_sections_and_sources(client):
    article = make_article()
    urls = sitemap_urls(client)
    assert "http://testserver" + article.get_absolute_url() in urls
    assert "http://testserver/" in urls
    assert "http://testserver/kinds/interview/" in urls
    assert "http://testserver/sources/xinhua/" in urls


def test_sitemaps_hold_only_indexable_stories_readers_may_see(client):
    now = timezone.now()
    shown = make_article(headline="Visible story")
    hidden = [
        make_article(status=Status.DRAFT),
        make_article(published_at=now + timedelta(hours=1)),
        make_article(embargo_until=now + timedelta(hours=1)),
        make_article(status=Status.WITHDRAWN),
        make_article(source=make_source(indexable=False)),
    ]
    for url in ["/sitemap.xml", "/sitemap-news.xml"]:
        urls = sitemap_urls(client) if url == "/sitemap.xml" else locs(xml(client, url))
        assert "http://testserver" + shown.get_absolute_url() in urls
        for article in hidden:
            assert "http://testserver" + article.get_absolute_url() not in urls, url


def test_sitemap_index_has_a_part_per_month_newest_first(client):
    now = timezone.now()
    this_month = make_article(published_at=now - timedelta(hours=1))
    older = make_article(published_at=now - timedelta(days=70))
    index = xml(client, "/sitemap.xml")
    files = [loc.text.removeprefix("http://testserver") for loc in index.findall("sm:sitemap/sm:loc", NS)]
    months = [f"/sitemap-stories-{timezone.localtime(a.published_at):%Y-%m}.xml" for a in (this_month, older)]
    assert files == ["/sitemap-sections.xml", "/sitemap-sources.xml", *months]
    assert locs(xml(client, months[0])) == ["http://testserver" + this_month.get_absolute_url()]
    assert locs(xml(client, months[1])) == ["http://testserver" + older.get_absolute_url()]
    lastmods = [node.text for node in index.findall("sm:sitemap/sm:lastmod", NS)]
    assert lastmods == [this_month.published_at.isoformat(), older.published_at.isoformat()]


def test_a_month_over_the_protocol_limit_is_split_into_pages(client, monkeypatch):
    monkeypatch.setattr("articles.sitemaps.MAX_URLS", 2)
    monkeypatch.setattr(MonthSitemap, "limit", 2)
    now = timezone.now()
    stories = [make_article(published_at=now - timedelta(minutes=n)) for n in range(1, 6)]
    month = f"/sitemap-stories-{timezone.localtime(stories[-1].published_at):%Y-%m}.xml"
    files = [
        loc.text.removeprefix("http://testserver")
        for loc in xml(client, "/sitemap.xml").findall("sm:sitemap/sm:loc", NS)
    ]
    assert [f for f in files if f.startswith("/sitemap-stories-")][:3] == [month, f"{month}?p=2", f"{month}?p=3"]
    listed = []
    for page in (month, f"{month}?p=2", f"{month}?p=3"):
        listed += locs(xml(client, page))
    assert sorted(listed) == sorted("http://testserver" + a.get_absolute_url() for a in stories)
    assert client.get(f"{month}?p=9").status_code == 404


@pytest.mark.parametrize(
    "url", ["/sitemap-stories-2026-13.xml", "/sitemap-stories-0000-01.xml", "/sitemap-stories.xml"]
)
def test_a_month_that_cannot_be_is_not_found(client, url):
    assert client.get(url).status_code == 404


def test_news_sitemap_follows_google_news_rules(client):
    now = timezone.now()
    fresh = make_article(headline="Fresh story", published_at=now - timedelta(hours=47), language="zh")
    stale = make_article(headline="Stale story", published_at=now - timedelta(hours=49))
    # An update keeps the first publication date: the story is still two days old.
    stale.updated_at = now
    stale.save()
    root = xml(client, "/sitemap-news.xml")
    urls = root.findall("sm:url", NS)
    assert [u.find("sm:loc", NS).text for u in urls] == ["http://testserver" + fresh.get_absolute_url()]
    news = urls[0].find("news:news", NS)
    assert news.find("news:publication/news:name", NS).text == "Newsdesk"
    assert news.find("news:publication/news:language", NS).text == "zh-cn"
    assert news.find("news:title", NS).text == "Fresh story"
    assert news.find("news:publication_date", NS).text == fresh.published_at.isoformat()


def test_news_sitemap_holds_at_most_1000_newest_urls(client, monkeypatch):
    monkeypatch.setattr("articles.sitemaps.NEWS_MAX_URLS", 3)
    monkeypatch.setattr(NewsSitemap, "limit", 3)
    now = timezone.now()
    stories = [make_article(published_at=now - timedelta(minutes=n)) for n in range(1, 6)]
    urls = locs(xml(client, "/sitemap-news.xml"))
    assert urls == ["http://testserver" + a.get_absolute_url() for a in stories[:3]]


def test_news_sitemap_limit_is_google_s_thousand():
    assert NewsSitemap.limit == 1000


@pytest.mark.parametrize(
    ("code", "expected"), [("en", "en"), ("en-GB", "en"), ("zh-Hant-TW", "zh-tw"), ("zh", "zh-cn"), ("", "en")]
)
def test_news_language_codes(code, expected):
    assert news_language(code) == expected


def test_robots_txt_points_at_both_sitemaps(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines
    assert "Disallow: /admin/" in lines


# Query counts for every sitemap, at two sizes: tests/test_query_counts.py.
