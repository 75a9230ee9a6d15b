"""Readers see only what Article.objects.published() allows, on every public page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Status

from .factories import make_article, make_byline, make_ticker

pytestmark = pytest.mark.django_db

HIDDEN_MARK = "Hiddenword"


@pytest.fixture
def desk():
    """One visible story and one of each kind readers must not see, all sharing
    a tag, a source and a byline so they would land on the same archives."""
    make_ticker()
    byline = make_byline(name="Shared Reporter", slug="shared-reporter")
    now = timezone.now()
    common = {"tags": ["harbour"], "bylines": [byline]}
    visible = make_article(headline="Visible harbour story", **common)
    hidden = {
        "draft": make_article(headline=f"{HIDDEN_MARK} draft", status=Status.DRAFT, published_at=None, **common),
        "future": make_article(headline=f"{HIDDEN_MARK} future", published_at=now + timedelta(hours=2), **common),
        "embargoed": make_article(headline=f"{HIDDEN_MARK} embargo", embargo_until=now + timedelta(hours=2), **common),
        "withdrawn": make_article(headline=f"{HIDDEN_MARK} killed", status=Status.WITHDRAWN, **common),
    }
    return visible, hidden


PUBLIC_LISTS = ["/", "/tags/harbour/", "/sources/xinhua/", "/bylines/shared-reporter/", "/kinds/news/"]


def test_unpublished_stories_appear_on_no_public_page(client, desk):
    visible, _hidden = desk
    for url in [*PUBLIC_LISTS, visible.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert HIDDEN_MARK not in html, f"hidden story leaked on {url}"
    assert "Visible harbour story" in client.get("/tags/harbour/").content.decode()


@pytest.mark.parametrize("which", ["draft", "future", "embargoed"])
def test_unpublished_story_address_is_not_found_for_readers(client, desk, which):
    article = desk[1][which]
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert HIDDEN_MARK not in response.content.decode()


def test_withdrawn_story_answers_gone_with_a_notice_and_none_of_its_text(client, desk):
    article = desk[1]["withdrawn"]
    article.withdrawn_reason = "The agency withdrew it for legal reasons."
    article.body = "<p>Secret paragraph that must vanish.</p>"
    article.save()
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 410
    assert "This story has been withdrawn" in html
    assert "legal reasons" in html
    assert "Secret paragraph" not in html
    assert HIDDEN_MARK not in html


@pytest.mark.parametrize("which", ["draft", "future", "embargoed"])
def test_staff_preview_unpublished_story_never_cached(staff_client, desk, which):
    article = desk[1][which]
    response = staff_client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "data-preview" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_published_story_has_no_preview_banner(staff_client, desk):
    response = staff_client.get(desk[0].get_absolute_url())
    assert "data-preview" not in response.content.decode()


def test_scheduled_story_goes_live_at_its_time_without_a_job(client, desk):
    article = desk[1]["future"]
    article.published_at = timezone.now() - timedelta(seconds=1)
    article.save()
    assert client.get(article.get_absolute_url()).status_code == 200
    assert article.headline in client.get("/").content.decode()


def test_wrong_date_in_address_redirects_to_the_story(client, desk):
    visible = desk[0]
    response = client.get(reverse("articles:detail", args=[1999, 1, 1, visible.slug]))
    assert response.status_code == 301
    assert response["Location"] == visible.get_absolute_url()


def test_unknown_archives_are_not_found(client):
    for url in ["/tags/nope/", "/sources/nope/", "/bylines/nope/", "/kinds/gossip/", "/2020/01/01/nope/"]:
        assert client.get(url).status_code == 404, url


def test_not_found_page_is_friendly_and_the_error_page_stands_alone(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "There is no story or page at this address" in response.content.decode()
    from django.template.loader import render_to_string

    error_page = render_to_string("500.html")  # rendered with no context and no database
    assert "Something went wrong" in error_page
    assert '<main id="main">' in error_page
