"""Wire updates meet desk edits: an untouched story takes the new version, an
edited one keeps the desk's text live while the new version waits (take,
merge or dismiss), and a kill always withdraws with the agency's reason."""

import pytest
from django.urls import reverse

from articles.models import Article, Status, WireUpdate
from tests.roles import form_data, login
from tests.wire_helpers import ingest, ninjs2, write

pytestmark = pytest.mark.django_db


def move(tmp_path, version, headline, body="<p>Talks went on.</p>", **extra):
    doc = ninjs2(uri="urn:test:talks", version=str(version), headline=headline, body=body, **extra)
    return ingest(write(tmp_path, f"v{version}.json", doc))


def desk_edit(client, article, **changes):
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert client.post(url, form_data(client, url) | changes).status_code == 302


def test_a_story_the_desk_has_not_touched_takes_the_new_version(tmp_path):
    move(tmp_path, 1, "Talks begin")
    status, lines = move(tmp_path, 2, "Talks end in deal")
    story = Article.objects.get()
    assert (status, story.headline, story.version) == (0, "Talks end in deal", 2)
    assert lines[0].startswith("updated urn:test:talks Talks end in deal")
    assert not WireUpdate.objects.exists()


def test_an_edited_story_keeps_the_desks_text_and_the_new_version_waits(client, tmp_path):
    move(tmp_path, 1, "Talks begin")
    story = Article.objects.get()
    login(client, "Editor")
    desk_edit(client, story, headline="Talks begin in Geneva")

    status, lines = move(tmp_path, 2, "Talks end in deal", body="<p>A deal was signed.</p>")
    assert status == 0
    assert "held: the desk has edited this story" in lines[0]
    story.refresh_from_db()
    assert (story.headline, story.version) == ("Talks begin in Geneva", 1)
    waiting = WireUpdate.objects.get(article=story)
    assert (waiting.version, waiting.fields["headline"]) == (2, "Talks end in deal")
    # The same version again changes nothing.
    assert move(tmp_path, 2, "Talks end in deal")[1][0].startswith("unchanged")

    page = client.get(reverse("admin:articles_article_change", args=[story.pk])).content.decode()
    assert "data-wire-waiting" in page
    assert ">Wire update waiting<" in client.get(reverse("admin:articles_article_changelist")).content.decode()
    diff = client.get(reverse("admin:articles_article_wire_update", args=[story.pk])).content.decode()
    assert "data-wire-diff" in diff
    assert "<ins>end in deal</ins>" in diff or "<ins>end</ins>" in diff


def test_an_editor_takes_the_waiting_version(client, tmp_path):
    move(tmp_path, 1, "Talks begin")
    story = Article.objects.get()
    login(client, "Editor")
    desk_edit(client, story, headline="Talks begin in Geneva")
    move(tmp_path, 2, "Talks end in deal", body="<p>A deal was signed.</p>")
    url = reverse("admin:articles_article_wire_update", args=[story.pk])
    assert client.post(url, {"choice": "take"}).status_code == 302
    story.refresh_from_db()
    assert (story.headline, story.body, story.version) == ("Talks end in deal", "<p>A deal was signed.</p>", 2)
    assert not WireUpdate.objects.exists()
    # Taken whole: the story is the wire's again, so version 3 goes straight through.
    move(tmp_path, 3, "Deal ratified")
    story.refresh_from_db()
    assert story.headline == "Deal ratified"


def test_an_editor_merges_chosen_fields_and_keeps_the_rest(client, tmp_path):
    move(tmp_path, 1, "Talks begin")
    story = Article.objects.get()
    login(client, "Editor")
    desk_edit(client, story, headline="Talks begin in Geneva")
    move(tmp_path, 2, "Talks end in deal", body="<p>A deal was signed.</p>")
    url = reverse("admin:articles_article_wire_update", args=[story.pk])
    assert client.post(url, {"choice": "merge", "fields": ["body"]}).status_code == 302
    story.refresh_from_db()
    assert (story.headline, story.body, story.version) == ("Talks begin in Geneva", "<p>A deal was signed.</p>", 2)
    assert not WireUpdate.objects.exists()


def test_an_editor_dismisses_the_waiting_version(client, tmp_path):
    move(tmp_path, 1, "Talks begin")
    story = Article.objects.get()
    login(client, "Editor")
    desk_edit(client, story, headline="Talks begin in Geneva")
    move(tmp_path, 2, "Talks end in deal")
    url = reverse("admin:articles_article_wire_update", args=[story.pk])
    assert client.post(url, {"choice": "dismiss"}).status_code == 302
    story.refresh_from_db()
    assert (story.headline, story.version) == ("Talks begin in Geneva", 2)
    assert not WireUpdate.objects.exists()
    assert move(tmp_path, 2, "Talks end in deal")[1][0].startswith("unchanged")


def test_a_reporter_cannot_take_a_wire_update(client, tmp_path):
    move(tmp_path, 1, "Talks begin")
    story = Article.objects.get()
    story.desk_edited_at = story.modified_at
    story.save()
    move(tmp_path, 2, "Talks end in deal")
    login(client, "Reporter")
    url = reverse("admin:articles_article_wire_update", args=[story.pk])
    assert client.post(url, {"choice": "take"}).status_code == 403
    assert WireUpdate.objects.filter(article=story).exists()


def test_a_kill_always_withdraws_with_the_agencys_reason(client, tmp_path):
    move(tmp_path, 1, "Talks begin")
    story = Article.objects.get()
    login(client, "Editor")
    desk_edit(client, story, headline="Talks begin in Geneva")
    move(tmp_path, 2, "Talks end in deal")  # waits
    move(tmp_path, 3, "Talks begin", pubstatus="canceled", ednote="Withdrawn: the talks were postponed.")
    story.refresh_from_db()
    assert story.status == Status.WITHDRAWN
    assert story.withdrawn_reason == "Withdrawn: the talks were postponed."
    assert not WireUpdate.objects.exists()
    client.logout()
    assert client.get(story.get_absolute_url()).status_code == 410
