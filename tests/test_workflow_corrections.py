"""Corrections and updates readers see: a dated notice list, JSON-LD data, the
"Updated" time; the story keeps its address and wire ID."""

import pytest
from django.urls import reverse

from articles import workflow
from articles.models import Correction
from tests.factories import make_article
from tests.roles import form_data, login, make_user

pytestmark = pytest.mark.django_db


def test_editor_adds_a_correction_readers_see_dated_under_the_story(client):
    login(client, "Editor")
    article = make_article()
    response = client.post(
        reverse("admin:articles_article_correct", args=[article.pk]),
        {"kind": "correction", "text": "An earlier version gave the wrong river: it is the Volta."},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.updated_at is not None
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "data-corrections" in page
    assert "An earlier version gave the wrong river: it is the Volta." in page
    correction = Correction.objects.get()
    # to the second: the HTML checker refuses a datetime attribute with microseconds
    assert f'datetime="{correction.created_at.replace(microsecond=0).isoformat()}"' in page
    assert "data-updated" in page


def test_notices_list_in_order_with_their_type():
    article = make_article()
    workflow.correct(article, user=None, text="Wrong spelling of the minister's name.")
    workflow.correct(
        article, user=None, text="The figure is for the region, not the country.", kind=Correction.Kind.CLARIFICATION
    )
    assert [c.kind for c in article.corrections.all()] == ["correction", "clarification"]


def test_story_without_corrections_shows_no_notice_list(client):
    article = make_article()
    assert "data-corrections" not in client.get(article.get_absolute_url()).content.decode()


def test_corrections_are_data_for_the_jsonld():
    article = make_article()
    correction = workflow.correct(
        article, user=None, text="The bridge opened in 1998.", kind=Correction.Kind.CLARIFICATION
    )
    assert article.jsonld_corrections() == [
        {
            "@type": "CorrectionComment",
            "text": "Clarification: The bridge opened in 1998.",
            "datePublished": correction.created_at.isoformat(),
        }
    ]


def test_correction_text_is_escaped_on_the_page(client):
    article = make_article()
    workflow.correct(article, user=None, text="<script>alert(1)</script> wrong name")
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; wrong name" in page


def test_update_bumps_version_and_time_keeps_address_and_guid(client):
    login(client, "Editor")
    article = make_article(body="<p>Two injured.</p>")
    url, guid = article.get_absolute_url(), article.guid
    change = reverse("admin:articles_article_change", args=[article.pk])
    data = form_data(client, change) | {
        "body": "<p>Five injured, officials say.</p>",
        "is_update": "on",
        "update_note": "Adds the officials' injury count",
    }
    assert client.post(change, data).status_code == 302
    article.refresh_from_db()
    assert (article.version, article.guid, article.get_absolute_url()) == (2, guid, url)
    assert article.updated_at is not None
    client.logout()
    page = client.get(url).content.decode()
    assert "data-updated" in page
    assert "What changed: Adds the officials&#x27; injury count" in page
    assert "Five injured" in page


def test_a_plain_edit_is_not_an_update(client):
    login(client, "Editor")
    article = make_article()
    change = reverse("admin:articles_article_change", args=[article.pk])
    client.post(change, form_data(client, change) | {"summary": "Tidied summary."})
    article.refresh_from_db()
    assert (article.version, article.updated_at) == (1, None)


def test_update_service_records_what_changed_in_history(django_user_model):
    from reversion.models import Version

    user = make_user("Editor", "desk")
    article = make_article()
    workflow.update(article, what_changed="Adds casualty figures", user=user)
    article.refresh_from_db()
    assert (article.version, article.update_note) == (2, "Adds casualty figures")
    revision = Version.objects.get_for_object(article).get().revision
    assert revision.comment == "Updated (version 2): Adds casualty figures"
