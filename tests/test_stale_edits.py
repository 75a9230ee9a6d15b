"""Two editors on one story: the later save of a stale form is refused, nothing
of the first save is lost, and the second editor keeps their text and sees a diff."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.history import revision
from tests.factories import make_article
from tests.roles import form_data, login

pytestmark = pytest.mark.django_db


def test_second_stale_save_is_refused_and_keeps_both_editors_work():
    with revision(comment="Moved by the wire."):  # as ingest and every admin save do
        article = make_article(headline="Floods close river port", body="<p>Water rose overnight.</p>")
    url = reverse("admin:articles_article_change", args=[article.pk])
    ann, bo = Client(), Client()
    login(ann, "Editor", "ann")
    login(bo, "Editor", "bo")
    ann_form, bo_form = form_data(ann, url), form_data(bo, url)

    first = ann.post(url, ann_form | {"headline": "Floods close river port for a week"})
    assert first.status_code == 302

    second = bo.post(url, bo_form | {"body": "<p>Water rose overnight. Bo's new paragraph on the dam.</p>"})
    assert second.status_code == 200
    page = second.content.decode()
    assert "Not saved: ann saved this story" in page
    assert "Bo&#x27;s new paragraph on the dam." in page or "Bo's new paragraph on the dam." in page
    assert "data-stale-diff" in page
    assert "What ann changed" in page
    assert "<ins>for a week</ins>" in page  # what Ann changed, word by word

    article.refresh_from_db()
    assert article.headline == "Floods close river port for a week"
    assert "dam" not in article.body

    # Bo merges (keeps Ann's headline) and saves again from the refused form: it goes through.
    merged = form_data(bo, url) | {
        "seen_modified_at": second.context["adminform"].form["seen_modified_at"].value(),
        "body": "<p>Water rose overnight. Bo's new paragraph on the dam.</p>",
    }
    assert bo.post(url, merged).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Floods close river port for a week"
    assert "dam" in article.body


def test_without_a_recorded_base_the_form_shows_how_stored_and_yours_differ():
    article = make_article(headline="Old headline")
    url = reverse("admin:articles_article_change", args=[article.pk])
    ann, bo = Client(), Client()
    login(ann, "Editor", "ann")
    login(bo, "Editor", "bo")
    stale = form_data(bo, url)
    ann.post(url, form_data(ann, url) | {"headline": "Ann headline"})
    page = bo.post(url, stale).content.decode()
    assert "differs from your form" in page
    assert "<del>Ann</del>" in page or "<ins>Ann</ins>" in page


def test_refused_form_carries_the_new_token_so_saving_again_works():
    article = make_article()
    url = reverse("admin:articles_article_change", args=[article.pk])
    ann, bo = Client(), Client()
    login(ann, "Editor", "ann")
    login(bo, "Editor", "bo")
    stale = form_data(bo, url)
    ann.post(url, form_data(ann, url) | {"summary": "Ann's summary."})
    refused = bo.post(url, stale | {"dateline": "LAGOS"})
    token = refused.context["adminform"].form["seen_modified_at"].value()
    merged = stale | {"dateline": "LAGOS", "summary": "Ann's summary.", "seen_modified_at": token}
    assert bo.post(url, merged).status_code == 302
    article.refresh_from_db()
    assert (article.dateline, article.summary) == ("LAGOS", "Ann's summary.")


def test_presence_tells_each_editor_who_else_has_the_story_open():
    article = make_article()
    url = reverse("admin:articles_article_presence", args=[article.pk])
    ann, bo = Client(), Client()
    login(ann, "Editor", "ann")
    login(bo, "Reporter", "bo")
    assert ann.post(url).json() == {"others": []}
    assert bo.post(url).json() == {"others": ["Editor"]}  # first_name of ann
    assert ann.post(url).json() == {"others": ["Reporter"]}
    bo.post(url, {"leave": "1"})
    assert ann.post(url).json() == {"others": []}
    assert ann.get(url).status_code == 405


@pytest.mark.parametrize("editors", [1, 5])
def test_presence_ping_query_count_is_constant(client, django_assert_num_queries, editors):
    article = make_article()
    url = reverse("admin:articles_article_presence", args=[article.pk])
    for n in range(editors):
        other = Client()
        login(other, "Editor", f"editor-{n}")
        other.post(url)
    login(client, "Desk chief", "chief")
    # 1 session, 2 user, 3 the story, 4 user permissions, 5 group permissions (presence itself is in the cache)
    with django_assert_num_queries(5):
        assert len(client.post(url).json()["others"]) == editors


def test_a_save_without_the_freshness_token_is_refused():
    article = make_article(headline="Old headline")
    url = reverse("admin:articles_article_change", args=[article.pk])
    ann = Client()
    login(ann, "Editor", "ann")
    data = form_data(ann, url)
    del data["seen_modified_at"]
    response = ann.post(url, data | {"headline": "Saved blind"})
    assert response.status_code == 200
    assert "no freshness token" in response.content.decode()
    article.refresh_from_db()
    assert article.headline == "Old headline"


def test_after_a_refused_stale_save_overwriting_their_change_needs_confirmation():
    with revision(comment="Moved by the wire."):
        article = make_article(headline="Floods close river port")
    url = reverse("admin:articles_article_change", args=[article.pk])
    ann, bo = Client(), Client()
    login(ann, "Editor", "ann")
    login(bo, "Editor", "bo")
    bo_form = form_data(bo, url)
    ann.post(url, form_data(ann, url) | {"headline": "Floods close river port for a week"})

    refused = bo.post(url, bo_form | {"summary": "Bo's summary."})
    assert refused.status_code == 200
    page = refused.content.decode()
    assert 'name="confirm_overwrite"' in page
    # Bo clicks Save again without merging: still refused, Ann's headline stays.
    form = refused.context["adminform"].form
    again = bo_form | {
        "summary": "Bo's summary.",
        "seen_modified_at": form["seen_modified_at"].value(),
        "stale_fields": form["stale_fields"].value(),
    }
    second = bo.post(url, again)
    assert second.status_code == 200
    assert "would overwrite their change to headline" in second.content.decode()
    article.refresh_from_db()
    assert article.headline == "Floods close river port for a week"

    # With the box ticked, Bo's version goes in on purpose.
    assert bo.post(url, again | {"confirm_overwrite": "on"}).status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.summary) == ("Floods close river port", "Bo's summary.")


def test_a_save_while_the_database_fails_says_so_and_gives_the_text_back():
    from unittest import mock

    from django.db import OperationalError

    article = make_article(headline="Storm reaches the coast")
    url = reverse("admin:articles_article_change", args=[article.pk])
    ann = Client(raise_request_exception=False)
    login(ann, "Editor", "ann")
    data = form_data(ann, url) | {"body": "<p>Typed during the outage: winds of 120 km/h.</p>"}
    with mock.patch("articles.workflow.Article.save", side_effect=OperationalError("server closed the connection")):
        response = ann.post(url, data)
    assert response.status_code == 503
    page = response.content.decode()
    assert "data-save-failed" in page
    assert "Typed during the outage: winds of 120 km/h." in page
