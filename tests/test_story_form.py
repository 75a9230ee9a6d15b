"""The story form as a writing surface: one primary action that fits the state
and role, an error summary at the top linking to each field, and a preview of
the form's contents before the first save (never stored, never cached)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Status

from .factories import make_article, make_byline, xinhua
from .roles import form_data, login, make_user

pytestmark = pytest.mark.django_db

ADD = reverse("admin:articles_article_add")
PREVIEW = reverse("admin:articles_article_form_preview")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def primary(html):
    """(name, label) of the form's primary button, or None."""
    found = re.search(r'<input type="submit" value="([^"]+)" name="(\w+)" class="default" data-desk-primary', html)
    return (found.group(2), found.group(1)) if found else None


def test_primary_action_for_each_state_and_role(client):
    reporter = login(client, "Reporter", "rita")
    assert primary(client.get(ADD).content.decode()) == ("_submit", "Submit to desk")
    own = make_article(status=Status.DRAFT, published_at=None, created_by=reporter)
    page = client.get(change_url(own)).content.decode()
    assert primary(page) == ("_submit", "Submit to desk")
    assert 'value="Save draft" name="_draft"' in page

    login(client, "Editor", "ed")
    assert primary(client.get(ADD).content.decode()) == ("_publish", "Publish")
    ready = make_article(status=Status.SUBMITTED, published_at=None)
    assert primary(client.get(change_url(ready)).content.decode()) == ("_publish", "Publish")
    later = timezone.now() + timedelta(hours=4)
    planned = make_article(status=Status.DRAFT, published_at=later)
    assert primary(client.get(change_url(planned)).content.decode()) == (
        "_publish",
        f"Schedule for {timezone.localtime(later):%H:%M}",
    )
    live = make_article()
    assert primary(client.get(change_url(live)).content.decode()) == ("_continue", "Update")
    # no pile of save buttons any more
    page = client.get(change_url(live)).content.decode()
    assert 'name="_addanother"' not in page and 'name="_save"' not in page


def test_submit_to_desk_from_a_new_story(client):
    login(client, "Reporter", "rita")
    data = form_data(client, ADD) | {"headline": "Council votes on budget", "source": xinhua().pk, "_submit": "x"}
    data["body"] = "<p>The vote is tonight.</p>"
    client.post(ADD, data)
    assert Article.objects.get(headline="Council votes on budget").status == Status.SUBMITTED


def test_a_new_story_shows_its_state_badge(client):
    login(client, "Reporter")
    assert 'data-state="draft">New story: draft' in client.get(ADD).content.decode()


def test_error_summary_links_to_each_field_and_the_duplicate_byline(client):
    login(client, "Editor")
    article = make_article()
    byline = make_byline(name="Ana Ruiz")
    url = change_url(article)
    data = form_data(client, url) | {"headline": ""}
    prefix = "credits"  # the bylines inline
    data |= {
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-0-byline": str(byline.pk),
        f"{prefix}-0-position": "0",
        f"{prefix}-1-byline": str(byline.pk),
        f"{prefix}-1-position": "1",
    }
    page = client.post(url, data).content.decode()
    summary = page[page.index("data-error-summary") : page.index("</div>", page.index("data-error-summary"))]
    assert 'href="#id_headline"' in summary
    assert f'href="#{prefix}-group"' in summary or f'href="#id_{prefix}-1-byline"' in summary
    assert "Bylines" in summary
    assert page.index("data-error-summary") < page.index('id="id_headline"')


def test_preview_before_the_first_save_renders_the_form_and_stores_nothing(client):
    login(client, "Reporter")
    before = Article.objects.count()
    response = client.post(
        PREVIEW,
        {
            "headline": "Storm closes the bridge",
            "precedence": "urgent",
            "body": "<p>Traffic is <script>alert(1)</script>diverted.</p>",
            "source": xinhua().pk,
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Urgent: Storm closes the bridge" in page
    assert "Traffic is" in page and "<script>alert" not in page
    assert "data-form-preview" in page
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert Article.objects.count() == before


def test_preview_takes_only_post_from_desk_staff(client):
    assert client.post(PREVIEW, {"headline": "x"}).status_code == 302  # to the login
    login(client, "Editor")
    assert client.get(PREVIEW).status_code == 405
    assert client.post(PREVIEW, {"source": "not-a-number", "kind": "nonsense"}).status_code == 200


def test_body_editor_checks_spelling(client):
    from articles.sanitize import EDITOR_EXTENSIONS

    assert EDITOR_EXTENSIONS["NoSpellCheck"] is False


def test_reporter_may_not_preview_without_a_desk_role(client):
    user = make_user("Reporter", "nobody")
    user.groups.clear()
    client.force_login(user)
    assert client.post(PREVIEW, {"headline": "x"}).status_code == 403


def test_the_form_shows_only_the_fields_that_apply_to_the_state(client):
    login(client, "Editor", "ed")

    def fields(url):
        page = client.get(url).content.decode()
        return {name for name in ("withdrawn_reason", "return_note", "update_note") if f'name="{name}"' in page}

    assert fields(ADD) == set()  # a new story: nothing to withdraw, return or update
    assert fields(change_url(make_article(status=Status.SUBMITTED, published_at=None))) == {"return_note"}
    assert fields(change_url(make_article())) == {"withdrawn_reason", "update_note"}
    withdrawn = make_article(status=Status.WITHDRAWN, withdrawn_reason="Duplicate.")
    assert fields(change_url(withdrawn)) == {"withdrawn_reason"}
