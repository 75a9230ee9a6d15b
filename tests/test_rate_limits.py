"""Cache-based rate limits: search and shared preview links per reader address,
presence pings and tag suggestions per desk user. Over the limit: 429 with
Retry-After, a page that says what to do, and never a cached answer."""

import pytest

from articles.views import preview_link

from .factories import make_article
from .roles import login

pytestmark = pytest.mark.django_db


def hammer(get, times):
    return [get() for _ in range(times)][-1]


def assert_limited(response):
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 61
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}


def test_search_past_its_limit_answers_429_with_a_friendly_page(client, settings):
    limit = settings.RATE_LIMITS_PER_MINUTE["search"]
    last_allowed = hammer(lambda: client.get("/search/?q=harbour", REMOTE_ADDR="203.0.113.7"), limit)
    assert last_allowed.status_code == 200
    limited = client.get("/search/?q=harbour", REMOTE_ADDR="203.0.113.7")
    assert_limited(limited)
    html = limited.content.decode()
    assert "<h1>Too many requests</h1>" in html and "try again" in html
    # Another reader is not held back by the first one.
    assert client.get("/search/?q=harbour", REMOTE_ADDR="198.51.100.9").status_code == 200


def test_behind_a_trusted_proxy_readers_are_told_apart_by_forwarded_address(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.RATE_LIMITS_PER_MINUTE = {**settings.RATE_LIMITS_PER_MINUTE, "search": 2}
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(2):
        client.get("/search/?q=x", HTTP_X_FORWARDED_FOR="spoofed, 203.0.113.7", **proxy)
    assert client.get("/search/?q=x", HTTP_X_FORWARDED_FOR="203.0.113.7", **proxy).status_code == 429
    assert client.get("/search/?q=x", HTTP_X_FORWARDED_FOR="198.51.100.9", **proxy).status_code == 200


def test_rate_limits_off_lets_readers_through_for_benchmarks(client, settings):
    settings.RATE_LIMITS = False
    limit = settings.RATE_LIMITS_PER_MINUTE["search"]
    assert hammer(lambda: client.get("/search/?q=harbour"), limit + 5).status_code == 200


def test_shared_preview_links_are_limited_per_address(client, settings):
    settings.RATE_LIMITS_PER_MINUTE = {**settings.RATE_LIMITS_PER_MINUTE, "preview": 3}
    url = preview_link(make_article(status="draft"))
    assert hammer(lambda: client.get(url), 3).status_code == 200
    assert_limited(client.get(url))
    assert_limited(client.get("/preview/guessed-token/"))  # guessing tokens counts too


def test_presence_pings_and_tag_suggestions_are_limited_per_desk_user(client, settings):
    settings.RATE_LIMITS = False  # reader-side switch: the desk's own limits stay on
    settings.RATE_LIMITS_PER_MINUTE = {**settings.RATE_LIMITS_PER_MINUTE, "presence": 2, "tag-suggestions": 2}
    story = make_article()
    login(client, "Editor")
    ping = f"/admin/articles/article/{story.pk}/presence/"
    assert hammer(lambda: client.post(ping), 2).status_code == 200
    assert_limited(client.post(ping))
    suggest = "/admin/articles/article/tag-suggestions/?q=ha"
    assert hammer(lambda: client.get(suggest), 2).status_code == 200
    assert_limited(client.get(suggest))
    client.logout()
    login(client, "Reporter")  # another editor at the same address still works
    assert client.post(ping).status_code == 200
