"""Every public page runs a fixed number of queries however much data there is.

Counted twice per page: with the ticker not cached yet (the first request after a
change) and with it cached (every other request), at two archive sizes."""

import pytest
from django.utils import timezone

from articles.models import Correction
from photos.models import StoryPhoto

from .factories import make_article, make_byline, make_source, make_ticker, pin
from .photo_factories import make_image

pytestmark = pytest.mark.django_db

# The ticker on every page, when it is not cached yet: its row (with when time
# next changes it), its active entries with their stories, the newest stories.
# Cached (every request until something changes): none.
TICKER_COLD = 3


def fill(n):
    """n stories, each with two bylines and two tags; up to three pinned on the ticker."""
    make_ticker()
    source = make_source(slug="wire-one")
    bylines = [make_byline(slug="first-hand"), make_byline()]
    stories = [make_article(source=source, bylines=bylines, tags=["port", f"t{i}"]) for i in range(n)]
    for story in stories[:3]:
        pin(story)
    return stories


@pytest.fixture(params=[1, 30], ids=["1 story", "30 stories"])
def stories(request):
    return fill(request.param)


@pytest.fixture(params=["cold", "warm"], ids=["ticker not cached", "ticker cached"])
def ticker_queries(request, client):
    if request.param == "warm":
        assert client.get("/ticker.json").status_code == 200  # fills the cached ticker
        return 0
    return TICKER_COLD


def test_home(client, stories, ticker_queries, django_assert_num_queries):
    # the page of stories (source and lead photo joined), the lead story's bylines,
    # the rail by kind (articles/front.py; the Flash banner is picked out of the page)
    with django_assert_num_queries(3 + ticker_queries):
        assert client.get("/").status_code == 200


def test_article(client, stories, ticker_queries, django_assert_num_queries):
    # the story (source and lead photo joined, and whether it has corrections or photos
    # in its body: neither), its bylines, its tags, related stories
    with django_assert_num_queries(4 + ticker_queries):
        assert client.get(stories[-1].get_absolute_url()).status_code == 200


def test_article_with_corrections_and_body_photos(
    client, stories, ticker_queries, django_assert_num_queries, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    story = stories[-1]
    photo = make_image()
    for n in range(len(stories)):  # 1 or 30 of each
        Correction.objects.create(article=story, text=f"Correction {n}.")
        StoryPhoto.objects.create(article=story, image=photo, after_paragraph=n + 1)
    if not ticker_queries:
        client.get("/ticker.json")  # a save cleared the cached ticker
    # the story, its bylines, its tags, its corrections, the photos in its body with
    # their images, related stories
    with django_assert_num_queries(6 + ticker_queries):
        html = client.get(story.get_absolute_url()).content.decode()
    assert html.count("data-correction=") == len(stories)


@pytest.mark.parametrize(
    ("url", "lookup"),
    [("/tags/port/", 2), ("/sources/wire-one/", 1), ("/bylines/first-hand/", 2), ("/kinds/news/", 0)],
)
def test_archives(client, stories, ticker_queries, url, lookup, django_assert_num_queries):
    # the tag/source/byline (not for kinds) and, for tags and bylines, how many stories
    # they have (up to a bound: articles/archives.py), the page of stories and one more
    # (no count)
    with django_assert_num_queries(lookup + 1 + ticker_queries):
        assert client.get(url).status_code == 200


def test_later_archive_page(client, ticker_queries, django_assert_num_queries):
    fill(45)  # a save clears the cached ticker: fill it again when this case wants it cached
    if not ticker_queries:
        client.get("/ticker.json")
    with django_assert_num_queries(2 + 1 + ticker_queries):  # the tag and its size, the page
        html = client.get("/tags/port/", {"page": 2}).content.decode()
    assert 'rel="next"' in html and 'rel="prev"' in html


def test_search(client, stories, ticker_queries, django_assert_num_queries):
    # the count of matches, the page of stories (source and lead photo joined)
    with django_assert_num_queries(2 + ticker_queries):
        assert client.get("/search/", {"q": "story"}).status_code == 200


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/feeds/latest.rss", 3),  # stories, their bylines, their tags
        ("/feeds/latest.atom", 3),
        ("/feeds/tags/port.rss", 5),  # the tag and its size (articles/archives.py), then as above
        ("/sitemap.xml", 1),  # stories per month
        ("/robots.txt", 0),
        ("/sitemap-news.xml", 2),  # count, the stories
        ("/sitemap-sections.xml", 0),
        ("/sitemap-sources.xml", 2),  # count, the sources
    ],
)
def test_feeds_and_sitemaps(client, stories, url, queries, django_assert_num_queries):
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


def test_sitemap_month_part(client, stories, django_assert_num_queries):
    month = timezone.localtime(stories[0].published_at)
    # the month's count, the month's stories
    with django_assert_num_queries(2):
        response = client.get(f"/sitemap-stories-{month:%Y-%m}.xml")
    assert response.status_code == 200
    assert response.content.count(b"<url>") == len(stories)


def test_ticker_json(client, stories, ticker_queries, django_assert_num_queries):
    with django_assert_num_queries(ticker_queries):
        assert client.get("/ticker.json").status_code == 200
