"""The story list: filters by tag, byline, mine, timing and date range; search
that reaches the body; one date format in every column."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow

from .factories import make_article, make_byline
from .roles import login

pytestmark = pytest.mark.django_db

LIST = reverse("admin:articles_article_changelist")


def listed(client, **params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    return response.content.decode()


def test_filters_by_tag_and_byline(client):
    login(client, "Editor")
    li = make_byline(name="Li Wen", slug="li-wen")
    make_article(headline="Port strike widens", tags=["shipping"], bylines=[li])
    make_article(headline="Election count begins", tags=["politics"])
    page = listed(client, tag="shipping")
    assert "Port strike widens" in page and "Election count begins" not in page
    page = listed(client, byline="li-wen")
    assert "Port strike widens" in page and "Election count begins" not in page


def test_mine_shows_only_my_stories(client):
    me = login(client, "Reporter", "rita")
    make_article(headline="Rita's own draft", created_by=me, status="draft", published_at=None)
    make_article(headline="Somebody else's story")
    page = listed(client, mine="1")
    assert "Rita&#x27;s own draft" in page and "Somebody else" not in page


def test_timing_filter_finds_scheduled_and_embargoed(client):
    login(client, "Editor")
    now = timezone.now()
    make_article(headline="Goes out tonight", published_at=now + timedelta(hours=5))
    make_article(headline="Held until the bank speaks", embargo_until=now + timedelta(hours=2))
    make_article(headline="Already out")
    page = listed(client, timing="scheduled")
    assert "Goes out tonight" in page and "Held until" not in page and "Already out" not in page
    page = listed(client, timing="embargoed")
    assert "Held until the bank speaks" in page and "Goes out tonight" not in page


def test_date_range_is_inclusive_and_a_bad_date_is_said_so(client):
    login(client, "Editor")
    make_article(headline="Early December story", published_at=datetime(2026, 12, 1, 9, tzinfo=UTC))
    make_article(headline="Mid December story", published_at=datetime(2026, 12, 15, 9, tzinfo=UTC))
    page = listed(client, published_from="2026-12-01", published_to="2026-12-01")
    assert "Early December story" in page and "Mid December story" not in page
    page = listed(client, published_from="2026-12-02")
    assert "Mid December story" in page and "Early December story" not in page
    page = listed(client, published_from="not-a-date")
    assert "Type dates as YYYY-MM-DD." in page
    assert "Mid December story" in page


def test_search_reaches_the_body(client):
    login(client, "Editor")
    make_article(headline="Talks resume", body="<p>The negotiators discussed desalination plants.</p>")
    make_article(headline="Weather outlook", body="<p>Rain later.</p>")
    page = listed(client, q="desalination")
    assert "Talks resume" in page and "Weather outlook" not in page
    assert "Talks resume" in listed(client, q="Talks")  # the headline still matches


def test_list_writes_every_time_one_way(client):
    login(client, "Editor")
    when = timezone.now() + timedelta(hours=3)
    make_article(headline="Scheduled one", published_at=when)
    page = listed(client)
    # the badge and the publish time column show the same format
    assert page.count(workflow.desk_time(when)) == 2
    assert " a.m." not in page and " p.m." not in page
