"""Previews: staff see drafts as readers will (never cached, marked Preview);
a signed link lets outsiders look until it expires, never past an embargo."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.test import override_settings
from django.utils import timezone

from articles.models import Correction, Status
from articles.views import preview_link
from tests.factories import make_article, make_ticker

pytestmark = pytest.mark.django_db


def test_shared_link_shows_a_draft_to_someone_not_logged_in(client):
    article = make_article(status=Status.DRAFT, published_at=None, headline="Ferry timetable changes")
    response = client.get(preview_link(article))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ferry timetable changes" in page
    assert "data-preview" in page
    assert '<meta name="robots" content="noindex">' in page
    assert "no-cache" in response["Cache-Control"]


@override_settings(PREVIEW_LINK_MAX_AGE=3600)
def test_shared_link_expires(client):
    article = make_article(status=Status.DRAFT, published_at=None, headline="Ferry timetable changes")
    link = preview_link(article)
    with mock.patch("django.core.signing.time.time", return_value=time.time() + 3601):
        response = client.get(link)
    assert response.status_code == 410
    assert "Ferry timetable" not in response.content.decode()


def test_shared_link_shows_nothing_under_embargo(client):
    article = make_article(headline="Budget figures", embargo_until=timezone.now() + timedelta(hours=1))
    response = client.get(preview_link(article))
    assert response.status_code == 403
    assert "Budget figures" not in response.content.decode()
    assert "under embargo until" in response.content.decode()


def test_tampered_link_is_not_found(client):
    article = make_article(status=Status.DRAFT, published_at=None)
    assert client.get(preview_link(article)[:-3] + "xx/").status_code == 404


def test_withdrawn_story_link_shows_the_notice_only(client):
    article = make_article(status=Status.WITHDRAWN, withdrawn_reason="Legal advice.", headline="Secret headline")
    response = client.get(preview_link(article))
    assert response.status_code == 410
    assert "Secret headline" not in response.content.decode()


def test_staff_preview_of_a_scheduled_story_is_marked_and_never_cached(staff_client):
    article = make_article(published_at=timezone.now() + timedelta(hours=3))
    response = staff_client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "data-preview" in response.content.decode()
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize("notices", [1, 30])
def test_preview_page_query_count_holds_as_corrections_grow(client, django_assert_num_queries, notices):
    make_ticker()
    article = make_article(status=Status.DRAFT, published_at=None, tags=["ports"])
    for n in range(notices):
        Correction.objects.create(article=article, text=f"Correction {n}.")
    link = preview_link(article)
    # 1 story with its source (and whether it has corrections or photos in its body:
    # no photos), 2 its bylines, 3 its tags, 4 its corrections,
    # 5 the ticker row, 6 its active entries, 7 the newest stories for the ticker
    with django_assert_num_queries(7):
        response = client.get(link)
    assert response.content.decode().count("data-correction=") == notices
