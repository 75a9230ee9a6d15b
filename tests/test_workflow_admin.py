"""The desk's fast paths in the admin: Flash, withdraw with a reason, restore,
the buttons and shortcuts, the scheduled column, and a change list whose query
count stays the same as stories pile up."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Precedence, Status
from articles.ticker import get_ticker
from tests.factories import make_article, xinhua
from tests.roles import form_data, login

pytestmark = pytest.mark.django_db


def test_flash_goes_straight_to_the_top_of_the_ticker(client):
    login(client, "Editor")
    make_article(headline="Older story")
    response = client.post(
        reverse("admin:articles_article_flash"), {"headline": "Earthquake strikes off coast", "source": xinhua().pk}
    )
    assert response.status_code == 302
    flash = Article.objects.get(headline="Earthquake strikes off coast")
    assert (flash.status, flash.precedence) == (Status.PUBLISHED, Precedence.FLASH)
    first = get_ticker().items[0]
    assert (first.label, first.headline) == ("Flash", "Earthquake strikes off coast")


def test_withdraw_action_asks_for_a_reason_then_kills(client):
    login(client, "Editor")
    article = make_article()
    changelist = reverse("admin:articles_article_changelist")
    asked = client.post(changelist, {"action": "withdraw_selected", "_selected_action": [article.pk]})
    assert asked.status_code == 200
    assert 'name="reason"' in asked.content.decode()
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED  # nothing happens before the reason is given

    done = client.post(
        changelist,
        {"action": "withdraw_selected", "_selected_action": [article.pk], "apply": "1", "reason": "Source retracted."},
    )
    assert done.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.withdrawn_reason) == (Status.WITHDRAWN, "Source retracted.")
    client.logout()
    gone = client.get(article.get_absolute_url())
    assert gone.status_code == 410
    assert "Source retracted." in gone.content.decode()


def test_withdraw_needs_a_reason(client):
    login(client, "Editor")
    article = make_article()
    response = client.post(reverse("admin:articles_article_withdraw", args=[article.pk]), {"reason": ""})
    assert response.status_code == 200
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_desk_chief_restores_a_withdrawn_story_at_its_old_address(client):
    login(client, "Desk chief")
    article = make_article(status=Status.WITHDRAWN, withdrawn_reason="Error.")
    client.post(reverse("admin:articles_article_restore", args=[article.pk]))
    assert client.get(article.get_absolute_url()).status_code == 200


def test_save_as_draft_keeps_a_new_story_off_public_pages(client):
    login(client, "Editor")
    add = reverse("admin:articles_article_add")
    data = form_data(client, add) | {"headline": "Draft about tides", "source": str(xinhua().pk), "status": "published"}
    client.post(add, data | {"_draft": "Save as draft"})
    assert Article.objects.get(headline="Draft about tides").status == Status.DRAFT


def test_change_form_offers_buttons_and_switchable_shortcuts(client):
    login(client, "Editor")
    draft = make_article(status=Status.DRAFT, published_at=None)
    page = client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    assert 'name="_publish"' in page
    assert 'name="_draft"' in page
    assert "data-shortcuts-toggle" in page
    assert "js/admin-shortcuts.js" in page
    assert "data-presence-url" in page


def test_change_list_shows_scheduled_with_the_time(client):
    login(client, "Editor")
    when = timezone.now() + timedelta(days=1)
    make_article(published_at=when)
    page = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert f"Scheduled for {timezone.localtime(when):%b %d, %H:%M}" in page


def test_saving_a_tagged_story_keeps_its_tags(client):
    login(client, "Editor")
    article = make_article(tags=["ports", "weather"])
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.post(url, form_data(client, url))
    assert sorted(article.tags.names()) == ["ports", "weather"]


@pytest.mark.parametrize("stories", [1, 30])
def test_change_list_query_count_is_constant(client, django_assert_num_queries, stories):
    login(client, "Editor")
    for n in range(stories):
        make_article(tags=[f"tag-{n}"])
    # 1 session, 2 user, 3 savepoint (the revision block reversion wraps the list in),
    # 4 user permissions, 5 most-used tags and 6 bylines for their filters, 7 sources for the filter,
    # 8 filtered count, 9 total count, 10 the page of stories with their sources, 11 their tags,
    # 12 release savepoint, 13 date hierarchy bounds, 14 date hierarchy steps, 15 group permissions
    with django_assert_num_queries(15):
        response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 200
