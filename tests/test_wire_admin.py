"""The desk sees where each story came from, and what the wire rejected."""

import pytest
from django.urls import reverse

from articles.models import Article

from .wire_helpers import ingest, ninjs2, write

pytestmark = pytest.mark.django_db


def test_ingest_log_page_lists_rejected_items_with_reasons(tmp_path, staff_client):
    write(tmp_path, "bad.json", '{"headline": "no id"}')
    write(tmp_path, "good.json", ninjs2(uri="urn:adm:1"))
    ingest(tmp_path)
    page = staff_client.get(reverse("admin:wire_ingestlog_changelist"), {"action__exact": "rejected"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "missing uri (the item&#x27;s identifier)" in html
    assert "bad.json" in html
    assert "urn:adm:1" not in html


def test_story_page_shows_provenance_and_ingest_history(tmp_path, staff_client):
    ingest(write(tmp_path, "v1.json", ninjs2(uri="urn:adm:2", version="1")))
    ingest(write(tmp_path, "v2.json", ninjs2(uri="urn:adm:2", version="2", headline="Second take")))
    story = Article.objects.get()
    html = staff_client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert "Where this story came from" in html
    assert "Original guid <code>urn:adm:2</code>, ninjs format" in html
    assert "v2.json" in html and "v1.json" in html
    assert "Wire ingest history" in html


def test_desk_written_story_page_says_it_is_not_from_the_wire(staff_client):
    from tests.factories import make_article

    story = make_article()
    html = staff_client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert "Not from the wire: written on the desk." in html


def test_log_is_read_only_for_editors(staff_client):
    assert staff_client.get(reverse("admin:wire_ingestlog_add")).status_code == 403


def test_wire_models_have_their_migrations():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("makemigrations", "wire", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
