"""Every save keeps a revision; the desk compares any two and restores one,
which saves a new revision (nothing is lost)."""

import pytest
from django.urls import reverse
from reversion.models import Version

from articles import workflow
from articles.models import Status
from tests.factories import make_article
from tests.roles import form_data, login, make_user

pytestmark = pytest.mark.django_db


def save_headline(client, article, headline):
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert client.post(url, form_data(client, url) | {"headline": headline}).status_code == 302


def test_admin_saves_keep_revisions_with_who_and_what(client):
    editor = login(client, "Editor")
    article = make_article(headline="Dam holds after storm")
    save_headline(client, article, "Dam holds after second storm")
    version = Version.objects.get_for_object(article).get()
    assert version.revision.user == editor
    assert "Headline" in version.revision.get_comment()
    history = client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert "data-history" in history
    assert "Headline" in history


def test_compare_shows_field_by_field_diff_between_two_revisions(client):
    login(client, "Editor")
    article = make_article(headline="Dam holds after storm")
    save_headline(client, article, "Dam holds after storm")  # first recorded state
    save_headline(client, article, "Dam breaks after storm")
    older, newer = Version.objects.get_for_object(article).order_by("pk")
    url = reverse("admin:articles_article_compare", args=[article.pk])
    page = client.get(url, {"from": older.pk, "to": newer.pk}).content.decode()
    assert "<del>holds</del> <ins>breaks</ins>" in page
    assert 'data-diff-field="headline"' in page
    assert 'data-diff-field="body"' not in page  # unchanged fields are not listed


def test_diff_escapes_what_editors_typed(client):
    login(client, "Editor")
    article = make_article(headline="Plain")
    save_headline(client, article, "Plain")
    save_headline(client, article, "Plain <script>x</script>")
    older, newer = Version.objects.get_for_object(article).order_by("pk")
    page = client.get(reverse("admin:articles_article_compare", args=[article.pk]), {"from": older.pk, "to": newer.pk})
    assert "<script>x</script>" not in page.content.decode()


def test_restoring_a_revision_saves_a_new_one(client):
    login(client, "Editor")
    article = make_article(headline="Dam holds after storm")
    save_headline(client, article, "Dam holds after storm")
    save_headline(client, article, "Dam breaks after storm")
    older = Version.objects.get_for_object(article).order_by("pk").first()
    url = reverse("admin:articles_article_revision", args=[article.pk, older.pk])
    assert client.post(url, form_data(client, url)).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Dam holds after storm"
    versions = Version.objects.get_for_object(article)
    assert versions.count() == 3
    assert "Reverted" in versions.first().revision.get_comment()


def test_reporter_cannot_unpublish_a_story_by_restoring_a_draft_revision(client):
    login(client, "Desk chief", "chief")
    article = make_article(status=Status.DRAFT, published_at=None)
    save_headline(client, article, "Draft headline")
    workflow.publish(article, user=None)
    draft_version = Version.objects.get_for_object(article).order_by("pk").first()
    login(client, "Reporter")
    url = reverse("admin:articles_article_revision", args=[article.pk, draft_version.pk])
    assert client.post(url, {"headline": "x"}).status_code == 403
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_workflow_moves_record_revisions_with_user_and_reason():
    user = make_user("Editor", "desk")
    article = make_article()
    workflow.withdraw(article, reason="Legal advice.", user=user)
    revision = Version.objects.get_for_object(article).get().revision
    assert revision.user == user
    assert revision.comment == "Withdrawn: Legal advice."


def test_restoring_an_old_revision_brings_back_text_but_never_state(client):
    login(client, "Editor", "ed")
    article = make_article(status=Status.DRAFT, published_at=None)
    save_headline(client, article, "Draft headline")
    workflow.publish(article, user=None)
    save_headline(client, article, "Published headline")
    draft_version = Version.objects.get_for_object(article).order_by("pk").first()
    assert draft_version.field_dict["status"] == "draft"
    url = reverse("admin:articles_article_revision", args=[article.pk, draft_version.pk])
    assert client.post(url, form_data(client, url)).status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.status) == ("Draft headline", Status.PUBLISHED)
