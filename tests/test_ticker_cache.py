"""The ticker on every page comes from the cache, yet changes at once: every save
or delete of a story, ticker or entry clears it, and time caps its life."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Status, TickerEntry
from articles.ticker import CACHE_KEY, DEFAULT_SLUG, _key, _store

from .factories import make_article, make_ticker, pin

pytestmark = pytest.mark.django_db


def ticker_html(client):
    html = client.get("/").content.decode()
    return html[html.index('aria-label="Off the wire"') : html.index("</section>")]


def test_a_cached_ticker_costs_no_query(client, django_assert_num_queries):
    make_ticker()
    make_article(headline="Cached headline")
    client.get("/")
    with django_assert_num_queries(0):
        assert "Cached headline" in client.get("/ticker.json").content.decode()


def test_a_new_story_shows_at_once(client):
    make_ticker()
    make_article(headline="First on the wire")
    assert "First on the wire" in ticker_html(client)
    make_article(headline="Second on the wire")
    assert "Second on the wire" in ticker_html(client)


def test_withdrawing_a_story_takes_it_off_at_once(client):
    make_ticker()
    story = make_article(headline="Soon withdrawn")
    assert "Soon withdrawn" in ticker_html(client)
    story.status = Status.WITHDRAWN
    story.save()
    assert "Soon withdrawn" not in ticker_html(client)


def test_pins_hides_and_their_removal_show_at_once(client):
    make_ticker()
    old = make_article(headline="Old but pinned", published_at=timezone.now() - timedelta(days=30))
    for n in range(12):
        make_article(headline=f"Fresh {n}")
    assert "Old but pinned" not in ticker_html(client)
    entry = pin(old)
    assert "Old but pinned" in ticker_html(client)
    entry.delete()
    assert "Old but pinned" not in ticker_html(client)
    hidden = make_article(headline="Hidden one")
    assert "Hidden one" in ticker_html(client)
    pin(hidden, action=TickerEntry.Action.HIDE)
    assert "Hidden one" not in ticker_html(client)


def test_renaming_the_ticker_shows_at_once(client):
    ticker = make_ticker()
    make_article()
    ticker_html(client)
    ticker.title = "Breaking now"
    ticker.save()
    assert 'aria-label="Breaking now"' in client.get("/").content.decode()


def test_a_cached_ticker_never_outlives_a_scheduled_story(client):
    make_ticker()
    make_article(headline="Out now")
    make_article(headline="Due soon", published_at=timezone.now() + timedelta(seconds=20))
    client.get("/")
    found = _store().get(_key(CACHE_KEY, DEFAULT_SLUG))
    assert found is not None
    assert found.expires - time.time() <= 20


@pytest.mark.parametrize("field", ["starts_at", "expires_at"])
def test_a_cached_ticker_never_outlives_an_entry_starting_or_expiring(client, field):
    make_ticker()
    story = make_article(headline="Pinned for a while")
    pin(story, **{field: timezone.now() + timedelta(seconds=15)})
    client.get("/")
    assert _store().get(_key(CACHE_KEY, DEFAULT_SLUG)).expires - time.time() <= 15


def test_a_cached_ticker_lives_at_most_ticker_cache_seconds(client, settings):
    settings.TICKER_CACHE_SECONDS = 7
    make_ticker()
    make_article()
    client.get("/")
    assert _store().get(_key(CACHE_KEY, DEFAULT_SLUG)).expires - time.time() <= 7


def test_a_pinned_story_that_is_not_published_stays_off(client):
    make_ticker()
    make_article(headline="Visible")
    pin(make_article(headline="Pinned draft", status=Status.DRAFT, published_at=None))
    pin(make_article(headline="Pinned embargoed", embargo_until=timezone.now() + timedelta(hours=1)))
    html = ticker_html(client)
    assert "Visible" in html
    assert "Pinned draft" not in html
    assert "Pinned embargoed" not in html
