"""The "Off the wire" ticker: pins first in their order, then the newest stories."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Kind, Precedence, Status, TickerEntry
from articles.ticker import get_ticker

from .factories import make_article, make_ticker, pin

pytestmark = pytest.mark.django_db


def headlines(**kwargs):
    return [item.headline for item in get_ticker(**kwargs).items]


def test_newest_published_first_and_limited_to_the_ticker_size():
    ticker = make_ticker()
    ticker.size = 3
    ticker.save()
    now = timezone.now()
    for hours in range(5):
        make_article(headline=f"{hours}h old", published_at=now - timedelta(hours=hours))
    make_article(headline="draft", status=Status.DRAFT, published_at=None)
    assert headlines() == ["0h old", "1h old", "2h old"]


def test_pins_come_first_in_their_order_and_hidden_stories_stay_off():
    now = timezone.now()
    old = make_article(headline="old but pinned", published_at=now - timedelta(days=3))
    older = make_article(headline="older, pinned first", published_at=now - timedelta(days=4))
    hidden = make_article(headline="kept off")
    make_article(headline="fresh", published_at=now - timedelta(minutes=1))
    pin(old, position=2)
    pin(older, position=1)
    pin(hidden, action=TickerEntry.Action.HIDE)
    assert headlines() == ["older, pinned first", "old but pinned", "fresh"]


def test_outside_headline_carries_its_label_and_link():
    pin(headline="Partner's election live page", url="https://partner.example/live", precedence=Precedence.URGENT)
    item = get_ticker().items[0]
    assert (item.label, item.url, item.pinned) == ("Urgent", "https://partner.example/live", True)


def test_entries_respect_start_and_expiry_times():
    now = timezone.now()
    story = make_article(headline="pinned for an hour", published_at=now - timedelta(days=2))
    make_article(headline="latest")
    pin(story, starts_at=now + timedelta(minutes=10), expires_at=now + timedelta(hours=1))
    assert headlines(now=now) == ["latest", "pinned for an hour"]  # not pinned yet: by date
    assert headlines(now=now + timedelta(minutes=30))[0] == "pinned for an hour"
    assert headlines(now=now + timedelta(hours=2))[0] == "latest"


def test_pinned_story_that_is_withdrawn_leaves_the_ticker():
    story = make_article(headline="soon killed")
    pin(story)
    story.status = Status.WITHDRAWN
    story.save()
    assert "soon killed" not in headlines()


def test_labels_follow_precedence_then_kind():
    make_ticker()
    make_article(headline="a", kind=Kind.INTERVIEW, precedence=Precedence.FLASH)
    make_article(headline="b", kind=Kind.FEATURE)
    make_article(headline="c")
    assert {i.headline: i.label for i in get_ticker().items} == {"a": "Flash", "b": "Feature", "c": ""}
