"""Time changes what readers see with no one saving anything: a cached page
never outlives the next scheduled publish, embargo end, or ticker entry start
or expiry, so each shows on time with a warm cache and no job running.

The clock is moved by hand (django.utils.timezone.now), less than the page
cache's five minutes, so only the cap on a page's lifetime can explain a
fresh page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Status
from tests.factories import make_article, pin

pytestmark = pytest.mark.django_db

HOME, TICKER = "/", "/ticker.json"


class Clock:
    def __init__(self, monkeypatch):
        self.now = timezone.now().replace(microsecond=0)
        monkeypatch.setattr(timezone, "now", lambda: self.now)

    def advance(self, seconds):
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def test_a_scheduled_story_appears_on_time(reader, editor, clock):
    with editor.commit():
        make_article(headline="Old news")
        make_article(headline="Budget speech text", published_at=clock.now + timedelta(seconds=60))
    assert "Budget speech text" not in reader.warm(HOME).text
    reader.warm(TICKER)

    clock.advance(59)
    assert reader.get(HOME).queries == 0  # still cached until the moment
    clock.advance(2)
    assert "Budget speech text" in reader.get(HOME).text
    assert "Budget speech text" in reader.get(TICKER).text


def test_a_story_scheduled_after_the_page_was_cached_still_appears_on_time(reader, editor, clock):
    with editor.commit():
        make_article(headline="Old news")
        draft = make_article(headline="Rate decision", status=Status.DRAFT, published_at=None)
    reader.warm(HOME)

    with editor.commit():  # scheduling changes nothing readers see now...
        draft.status, draft.published_at = Status.PUBLISHED, clock.now + timedelta(seconds=90)
        draft.save()
    assert "Rate decision" not in reader.get(HOME).text

    clock.advance(91)  # ...but the page drawn since knows when it must go
    assert "Rate decision" in reader.get(HOME).text


def test_an_embargo_ends_on_time(reader, editor, clock):
    with editor.commit():
        article = make_article(headline="Trial results", embargo_until=clock.now + timedelta(seconds=120))
    assert "Trial results" not in reader.warm(HOME).text

    clock.advance(121)
    assert "Trial results" in reader.get(HOME).text
    assert reader.get(article.get_absolute_url()).status_code == 200


def test_a_ticker_entry_starts_and_expires_on_time(reader, editor, clock):
    with editor.commit():
        make_article(headline="Old news")
        pin(
            headline="Live: the count",
            url="https://partner.example/count",
            starts_at=clock.now + timedelta(seconds=30),
            expires_at=clock.now + timedelta(seconds=150),
        )
    assert "Live: the count" not in reader.warm(TICKER).text
    reader.warm(HOME)

    clock.advance(31)
    assert "Live: the count" in reader.get(TICKER).text
    assert "Live: the count" in reader.warm(HOME).text

    clock.advance(120)
    assert "Live: the count" not in reader.get(TICKER).text
    assert "Live: the count" not in reader.get(HOME).text


def test_headers_cap_shared_caches_at_the_next_moment(reader, editor, clock):
    with editor.commit():
        make_article(headline="Old news")
        make_article(headline="Later", published_at=clock.now + timedelta(seconds=45))
    cache_control = reader.warm(HOME)["Cache-Control"]
    assert "s-maxage=45" in cache_control
    assert "stale-while-revalidate" not in cache_control  # no serving it stale past the moment

    clock.advance(46)
    assert "s-maxage=300" in reader.warm(HOME)["Cache-Control"]
