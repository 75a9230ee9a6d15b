"""An embargoed story is on no public path before its time, and on all of them
after it. Time is injected (timezone.now patched), never slept."""

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from articles.models import Article, Kind
from articles.ticker import get_ticker
from articles.views import preview_link
from tests.factories import make_article, make_byline
from tests.push_helpers import make_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    """Readers, and a wire subscriber: /api/ninjs/ needs a key (the others ignore it)."""
    _, key = make_subscriber()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client


MARKER = "Quokkavale"  # a word no other page uses


def shows(response, article):
    """The story's headline or address is on the page (sitemaps carry only addresses;
    search pages repeat the words searched for, so the marker alone proves nothing)."""
    content = response.content.decode()
    return article.headline in content or article.get_absolute_url() in content


def public_paths(article, byline):
    paths = [
        "/",
        article.get_absolute_url(),
        reverse("articles:tag", args=["harbour"]),
        reverse("articles:source", args=[article.source.slug]),
        reverse("articles:byline", args=[byline.slug]),
        reverse("articles:kind", args=[Kind.FEATURE]),
    ]
    # Outputs other parts of the desk add; checked here once they exist.
    for path in [
        "/feeds/latest.rss",
        "/feeds/latest.atom",
        # /sitemap.xml is an index of parts: the story's address is in its month's part.
        f"/sitemap-stories-{timezone.localtime(article.published_at or timezone.now()):%Y-%m}.xml",
        "/sitemap-news.xml",
        f"/search/?q={MARKER}",
        "/ticker.json",
        "/ticker/embed/",
        "/api/ninjs/",
    ]:
        try:
            resolve(path.split("?")[0])
        except Resolver404:
            continue
        paths.append(path)
    return paths


@pytest.fixture
def embargoed():
    byline = make_byline()
    until = timezone.now() + timedelta(hours=2)
    article = make_article(
        headline=f"{MARKER} harbour deal signed",
        kind=Kind.FEATURE,
        embargo_until=until,
        bylines=[byline],
        tags=["harbour"],
    )
    return article, byline, until


def test_embargoed_story_is_on_no_public_path_before_its_time(client, embargoed):
    article, byline, until = embargoed
    with mock.patch("django.utils.timezone.now", return_value=until - timedelta(seconds=1)):
        for path in public_paths(article, byline):
            response = client.get(path)
            assert not shows(response, article), path
        assert client.get(article.get_absolute_url()).status_code == 404
        assert client.get(preview_link(article)).status_code == 403
    assert article not in Article.objects.published(now=until - timedelta(seconds=1))
    assert MARKER not in str(get_ticker(now=until - timedelta(seconds=1)).items)


def test_embargoed_story_is_everywhere_it_belongs_at_its_time(client, embargoed):
    article, byline, until = embargoed
    with mock.patch("django.utils.timezone.now", return_value=until):
        for path in public_paths(article, byline):
            response = client.get(path)
            assert response.status_code == 200, path
            assert shows(response, article), path
        assert client.get(preview_link(article)).status_code == 200
    assert article in Article.objects.published(now=until)
    assert any(MARKER in item.headline for item in get_ticker(now=until).items)


def test_embargo_holds_whatever_the_status(client):
    until = timezone.now() + timedelta(hours=1)
    for status in ["draft", "published"]:
        article = make_article(headline=f"{MARKER} {status}", status=status, embargo_until=until)
        assert client.get(article.get_absolute_url()).status_code == 404
