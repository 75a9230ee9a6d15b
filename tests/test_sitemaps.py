"""Sitemaps and robots.txt, parsed as a crawler parses them."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from articles.models import Status
from articles.sitemaps import NewsSitemap, StorySitemap, news_language

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


def test_sitemap_lists_stories_sections_and_sources(client):
    article = make_article()
    urls = locs(xml(client, "/sitemap.xml"))
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
        urls = locs(xml(client, url))
        assert "http://testserver" + shown.get_absolute_url() in urls
        for article in hidden:
            assert "http://testserver" + article.get_absolute_url() not in urls, url


def test_sitemap_becomes_an_index_when_the_stories_outgrow_one_file(client, monkeypatch):
    monkeypatch.setattr(StorySitemap, "limit", 2)
    stories = [make_article() for _ in range(5)]
    root = xml(client, "/sitemap.xml")
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    files = [loc.text for loc in root.findall("sm:sitemap/sm:loc", NS)]
    assert files[:3] == [
        "http://testserver/sitemap-stories.xml",
        "http://testserver/sitemap-stories.xml?p=2",
        "http://testserver/sitemap-stories.xml?p=3",
    ]
    listed = []
    for page in files[:3]:
        listed += locs(xml(client, page.removeprefix("http://testserver")))
    assert sorted(listed) == sorted("http://testserver" + a.get_absolute_url() for a in stories)
    assert client.get("/sitemap-stories.xml?p=9").status_code == 404


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


@pytest.mark.parametrize("stories", [1, 30])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # stories: count, page; sources: count, page
        ("/sitemap.xml", 4),
        # the news stories: count, page
        ("/sitemap-news.xml", 2),
        ("/robots.txt", 0),
    ],
)
def test_query_count_is_constant(client, django_assert_num_queries, stories, url, queries):
    for _ in range(stories):
        make_article()
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_sitemap_index_query_count_is_constant(client, django_assert_num_queries, monkeypatch):
    monkeypatch.setattr(StorySitemap, "limit", 2)
    for _ in range(30):
        make_article()
    # stories: count, newest change; sources: count
    with django_assert_num_queries(3):
        assert client.get("/sitemap.xml").status_code == 200
