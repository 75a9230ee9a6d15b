"""Who gets cached pages, which responses are kept, and the HTTP caching
headers: Cache-Control, ETag, Last-Modified, 304s and surrogate keys."""

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.http import http_date

from articles.models import Article, Status
from articles.views import preview_link
from pagecache.middleware import PageCacheMiddleware
from tests.factories import make_article, make_byline

pytestmark = pytest.mark.django_db

HOME = "/"


def quietly_retitle(article, headline):
    """Change a headline behind the page cache's back (update() sends no signal)."""
    Article.objects.filter(pk=article.pk).update(headline=headline)


def test_staff_never_get_cached_pages(reader, editor, staff_client):
    with editor.commit():
        article = make_article(headline="Original headline")
    reader.warm(HOME)
    quietly_retitle(article, "Retitled behind the cache")

    assert "Original headline" in reader.get(HOME).text  # readers: the cached page
    assert "Retitled behind the cache" in staff_client.get(HOME).content.decode()  # staff: drawn for them


def test_staff_requests_never_fill_the_cache(reader, editor, staff_client):
    with editor.commit():
        article = make_article(headline="Original headline")
    for _ in range(3):
        staff_client.get(HOME)
    quietly_retitle(article, "Retitled behind the cache")

    first = reader.get(HOME)
    assert first.queries > 0
    assert "Retitled behind the cache" in first.text


def test_previews_are_never_cached(reader, editor, staff_client):
    with editor.commit():
        draft = make_article(headline="Draft for the desk", status=Status.DRAFT, published_at=None)
    for url in (draft.get_absolute_url(), preview_link(draft)):
        response = staff_client.get(url) if url == draft.get_absolute_url() else reader.get(url)
        assert response.status_code == 200
        assert "no-cache" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
        assert not response.has_header("xkey")
    assert reader.get(preview_link(draft)).queries > 0


def test_requests_carrying_messages_are_never_served_from_or_kept_in_the_cache(reader, editor):
    with editor.commit():
        make_article()
    reader.client.cookies["messages"] = "anything"
    for _ in range(3):
        response = reader.get(HOME)
        assert response.queries > 0
        assert not response.has_header("xkey")


def test_a_response_that_sets_a_cookie_is_never_kept(page_cache):
    request = RequestFactory().get(HOME)
    with_cookie = HttpResponse("<p>Welcome back, Ana</p>")
    with_cookie.set_cookie("greeting", "ana")

    PageCacheMiddleware(lambda request: with_cookie)(request)
    PageCacheMiddleware(lambda request: with_cookie)(RequestFactory().get(HOME))
    later = PageCacheMiddleware(lambda request: HttpResponse("<p>Hello</p>"))(RequestFactory().get(HOME))

    assert later.content == b"<p>Hello</p>"


def test_cacheable_pages_carry_http_caching_headers(reader, editor):
    with editor.commit():
        article = make_article()
    for url in (HOME, article.get_absolute_url(), "/ticker.json", "/feeds/latest.rss", "/sitemap.xml", "/kinds/news/"):
        response = reader.warm(url)
        directives = [d.strip().split("=")[0] for d in response["Cache-Control"].split(",")]
        assert directives == ["public", "max-age", "s-maxage", "stale-while-revalidate", "stale-if-error"], url
        assert response["ETag"].startswith('"')
        assert response["Last-Modified"].endswith("GMT")
        assert "site" in response["xkey"].split()


def test_a_matching_etag_gets_a_304_before_any_view_runs(reader, editor):
    with editor.commit():
        article = make_article()
    for url in (HOME, article.get_absolute_url(), "/ticker.json"):
        etag = reader.warm(url)["ETag"]
        not_modified = reader.get(url, If_None_Match=etag)
        assert not_modified.status_code == 304, url
        assert not_modified.queries == 0
        assert not_modified.content == b""
        assert not_modified["ETag"] == etag


def test_if_modified_since_gets_a_304(reader, editor):
    with editor.commit():
        make_article()
    modified = reader.warm(HOME)["Last-Modified"]
    assert reader.get(HOME, If_Modified_Since=modified).status_code == 304


def test_a_change_changes_the_etag(reader, editor):
    with editor.commit():
        article = make_article(headline="First take")
    etag = reader.warm(HOME)["ETag"]

    with editor.commit():
        article.headline = "Second take"
        article.save()

    response = reader.get(HOME, If_None_Match=etag)
    assert response.status_code == 200
    assert response["ETag"] != etag
    assert "Second take" in response.text


def test_redrawn_unchanged_page_keeps_its_last_modified(reader, editor, settings):
    with editor.commit():
        make_article()
    first = reader.warm("/sitemap.xml")["Last-Modified"]
    with editor.commit():
        make_byline()  # no sitemap shows it...
        make_article(status=Status.DRAFT, published_at=None)
    with editor.commit():
        from pagecache import invalidate

        invalidate({"sitemap"})  # ...but the sitemap is drawn again, the same as before
    again = reader.get("/sitemap.xml")
    assert again.queries > 0
    assert again["Last-Modified"] == first


def test_surrogate_keys_name_what_the_page_shows(reader, editor):
    with editor.commit():
        person = make_byline()
        article = make_article(bylines=[person], tags=["ports", "storms"])
    keys = set(reader.warm(article.get_absolute_url())["xkey"].split())
    tag_keys = {f"tag-{tag.pk}" for tag in article.tags.all()}
    assert {f"story-{article.pk}", f"source-{article.source_id}", f"byline-{person.pk}", "ticker"} <= keys
    assert tag_keys <= keys

    assert {"home", "ticker", f"story-{article.pk}"} <= set(reader.warm(HOME)["xkey"].split())
    # The ticker may come from its own cache without loading a story: "ticker" stands for
    # its stories (any change to how a listed story shows bumps it; pagecache/changes.py).
    assert "ticker" in set(reader.warm("/ticker.json")["xkey"].split())
    assert {"kind-news", "ticker"} <= set(reader.warm("/kinds/news/")["xkey"].split())


def test_a_page_listing_many_stories_names_them_as_one_key(reader, editor):
    with editor.commit():
        for _ in range(70):
            last = make_article()
    keys = reader.warm(f"/sitemap-stories-{last.published_at:%Y-%m}.xml")["xkey"].split()
    assert "stories" in keys
    assert not [key for key in keys if key.startswith("story-")]


def test_page_cache_seconds_zero_turns_it_off(reader, editor, settings):
    with editor.commit():
        make_article()
    settings.PAGE_CACHE_SECONDS = 0
    for _ in range(3):
        response = reader.get(HOME)
        assert response.queries > 0
        assert not response.has_header("xkey")


def test_search_is_not_cached(reader, editor):
    with editor.commit():
        make_article(headline="Harbour storm")
    for _ in range(3):
        assert reader.get("/search/?q=harbour").queries > 0


def test_the_page_cache_is_shared_by_every_worker_never_per_process_memory():
    backend = type(caches["pages"]).__name__
    assert backend in {"SharedFileCache", "RedisCache"}, backend


def test_last_modified_is_an_http_date(reader, editor):
    with editor.commit():
        make_article()
    modified = reader.warm(HOME)["Last-Modified"]
    assert len(modified) == len(http_date(0))
