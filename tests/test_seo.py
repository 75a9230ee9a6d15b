"""What search engines and social sites read on an article page."""

import json
import re
from datetime import UTC, datetime

import pytest
from django.test import RequestFactory

from articles import seo

from .factories import make_article, make_byline, make_source, make_ticker

pytestmark = pytest.mark.django_db


def jsonld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def meta(html, key):
    """Content of every <meta property|name=key>."""
    return re.findall(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', html)


def get(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_article_carries_news_article_jsonld_with_every_author(client):
    li, ana = make_byline(name="Li Wen", slug="li-wen"), make_byline(name="Ana Ruiz", slug="ana-ruiz")
    article = make_article(
        headline="Ministers hail river talks",
        summary="Talks go on weekly.",
        dateline="MOSCOW",
        published_at=datetime(2016, 3, 24, 9, 12, tzinfo=UTC),
        updated_at=datetime(2016, 3, 24, 11, 0, tzinfo=UTC),
        bylines=[li, ana],
    )
    data = jsonld(get(client, article))
    url = f"http://testserver{article.get_absolute_url()}"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Ministers hail river talks"
    assert data["datePublished"] == "2016-03-24T09:12:00+00:00"
    assert data["dateModified"] == "2016-03-24T11:00:00+00:00"
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["author"] == [
        {"@type": "Person", "name": "Li Wen", "url": "http://testserver/bylines/li-wen/"},
        {"@type": "Person", "name": "Ana Ruiz", "url": "http://testserver/bylines/ana-ruiz/"},
    ]
    assert data["publisher"]["name"] == "Newsdesk"
    assert data["dateline"] == "MOSCOW"
    assert data["locationCreated"]["name"] == "MOSCOW"
    assert "image" not in data


def test_story_without_byline_is_credited_to_its_agency(client):
    data = jsonld(get(client, make_article()))
    assert data["author"] == [
        {"@type": "Organization", "name": "Xinhua News Agency", "url": "http://testserver/sources/xinhua/"}
    ]


def test_jsonld_cannot_close_its_script_element(client):
    article = make_article(headline="Quote </script><script>alert(1)</script> & more")
    html = get(client, article)
    assert "</script><script>alert(1)" not in html
    assert jsonld(html)["headline"] == "Quote </script><script>alert(1)</script> & more"


def test_jsonld_builder_takes_image_urls_for_photos():
    article = make_article()
    request = RequestFactory().get("/")
    data = seo.news_article(article, request, images=["https://example.org/a.jpg", "https://example.org/b.jpg"])
    assert data["image"] == ["https://example.org/a.jpg", "https://example.org/b.jpg"]


def test_article_has_opengraph_and_twitter_tags(client):
    byline = make_byline(name="Li Wen", slug="li-wen")
    article = make_article(
        headline="Ferry link reopens",
        summary="Crossings resume.",
        published_at=datetime(2016, 3, 24, 9, 12, tzinfo=UTC),
        bylines=[byline],
        tags=["shipping"],
    )
    html = get(client, article)
    assert meta(html, "og:type") == ["article"]
    assert meta(html, "og:title") == ["Ferry link reopens"]
    assert meta(html, "og:url") == [f"http://testserver{article.get_absolute_url()}"]
    assert meta(html, "og:description") == ["Crossings resume."]
    assert meta(html, "article:published_time") == ["2016-03-24T09:12:00+00:00"]
    assert meta(html, "article:author") == ["http://testserver/bylines/li-wen/"]
    assert meta(html, "article:tag") == ["shipping"]
    assert meta(html, "twitter:card") == ["summary_large_image"]


def test_stories_from_unindexable_sources_say_noindex(client):
    closed = make_source(indexable=False)
    assert meta(get(client, make_article(source=closed)), "robots") == ["noindex"]
    assert meta(get(client, make_article()), "robots") == []


def test_visible_published_and_updated_times_carry_offsets(client):
    article = make_article(
        published_at=datetime(2016, 3, 24, 9, 12, tzinfo=UTC), updated_at=datetime(2016, 3, 25, 8, 0, tzinfo=UTC)
    )
    html = get(client, article)
    assert 'Xinhua, <time datetime="2016-03-24T09:12:00+00:00"' in html
    assert 'Updated <time datetime="2016-03-25T08:00:00+00:00">March 25, 2016, 08:00 UTC</time>' in html


@pytest.mark.parametrize("n", [1, 30])
def test_article_page_query_count_is_constant(client, django_assert_num_queries, n):
    make_ticker()
    bylines = [make_byline() for _ in range(n)]
    article = make_article(bylines=bylines, tags=[f"topic-{i}" for i in range(n)])
    for i in range(n):
        make_article(tags=[f"topic-{i}"])
    # 1 the story (source joined, and whether it has corrections or photos in its body:
    # neither), 2 its bylines, 3 its tags, 4 related stories,
    # 5-7 the ticker: its row, its entries, the newest stories.
    with django_assert_num_queries(7):
        html = get(client, article)
    assert len(jsonld(html)["author"]) == n


def test_lead_photo_feeds_og_image_and_jsonld_image(client, settings, tmp_path):
    from .photo_factories import make_image

    settings.MEDIA_ROOT = tmp_path
    image = make_image(size=(1600, 1000), alt_text="Ferry at the quay")
    article = make_article(lead_image=image)
    html = get(client, article)
    og = meta(html, "og:image")
    assert len(og) == 1 and og[0].startswith("http://testserver/") and og[0].endswith("/og-1200.jpg")
    assert meta(html, "og:image:alt") == ["Ferry at the quay"]
    assert meta(html, "og:image:width") == ["1200"]
    images = jsonld(html)["image"]
    assert len(images) == 3 and all(url.startswith("http://testserver/") for url in images)


def test_corrections_appear_in_the_json_ld(client):
    from articles.models import Correction

    article = make_article()
    assert "correction" not in jsonld(get(client, article))
    Correction.objects.create(article=article, text="The port opened on Tuesday, not Monday.")
    corrections = jsonld(get(client, article))["correction"]
    assert [c["@type"] for c in corrections] == ["CorrectionComment"]
    assert "not Monday" in corrections[0]["text"]
