"""The editors' desk in Django admin."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, Kind, Status, TickerEntry

from .factories import make_article, make_source, make_ticker

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/articles/article/"


def test_change_list_shows_labelled_headlines_status_and_tags(staff_client):
    make_article(headline="Port chief speaks", kind=Kind.INTERVIEW, tags=["trade", "ports"])
    make_article(source=make_source())  # a second source, so its filter has a choice
    response = staff_client.get(CHANGELIST, {"q": "port"})
    html = response.content.decode()
    assert "Interview: Port chief speaks" in html
    assert "ports, trade" in html
    assert response.context["cl"].result_count == 1  # search by headline
    filters = [str(spec.title) for spec in response.context["cl"].filter_specs]
    # no byline filter: these stories have no bylines to choose from
    assert filters == ["status", "timing", "whose", "published between", "tag", "source", "kind", "precedence"]


def test_change_list_search_finds_a_word_only_in_the_body(staff_client):
    wanted = make_article(headline="Harbour report", body="<p>A glacier calved near the port.</p>")
    make_article(headline="Market report", body="<p>Prices held.</p>")
    response = staff_client.get(CHANGELIST, {"q": "glacier"})
    assert [story.pk for story in response.context["cl"].result_list] == [wanted.pk]


def test_change_list_marks_scheduled_stories(staff_client):
    from datetime import timedelta

    from django.utils import timezone

    make_article(headline="Later today", published_at=timezone.now() + timedelta(hours=3))
    assert "Scheduled for" in staff_client.get(CHANGELIST).content.decode()


def test_publish_action_publishes_drafts_and_reports_counts(staff_client):
    drafts = [make_article(status=Status.DRAFT, published_at=None) for _ in range(2)]
    live = make_article()
    response = staff_client.post(
        CHANGELIST,
        {"action": "publish_selected", "_selected_action": [a.pk for a in [*drafts, live]]},
        follow=True,
    )
    html = response.content.decode()
    assert "Published 2 stories." in html
    assert "1 left as they were: “" in html
    assert "Only a draft or a story ready for desk can be published." in html
    assert Article.objects.published().count() == 3


def test_adding_a_story_in_the_form_sanitizes_and_orders_bylines(staff_client):
    from .factories import make_byline, xinhua

    first, second = make_byline(name="Zed Last"), make_byline(name="Amy First")
    data = {
        "headline": "Desk-written story",
        "kind": "news",
        "precedence": "routine",
        "dateline": "BEIJING",
        "summary": "Short.",
        "body": '<p>Text<script>bad()</script></p><p onclick="x()">More</p>',
        "source": xinhua().pk,
        "tags": "desk, test",
        "status": "published",
        "guid": "",
        "version": 1,
        "urgency": 5,
        "language": "en",
        "credits-TOTAL_FORMS": 2,
        "credits-INITIAL_FORMS": 0,
        "credits-0-byline": first.pk,
        "credits-0-position": 1,
        "credits-1-byline": second.pk,
        "credits-1-position": 0,
        "corrections-TOTAL_FORMS": 0,
        "corrections-INITIAL_FORMS": 0,
        "story_photos-TOTAL_FORMS": 0,
        "story_photos-INITIAL_FORMS": 0,
    }
    response = staff_client.post("/admin/articles/article/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    story = Article.objects.get(headline="Desk-written story")
    assert story.body == "<p>Text</p><p>More</p>"
    assert story.guid.startswith("urn:newsdesk:")
    assert story.published_at is not None
    bylines = Article.objects.for_listing().get(pk=story.pk).ordered_bylines()
    assert [b.name for b in bylines] == ["Amy First", "Zed Last"]
    assert sorted(story.tags.names()) == ["desk", "test"]


def test_tag_suggestions_autocomplete_existing_tags(staff_client):
    make_article(tags=["Shanghai", "shipping", "sport"])
    url = reverse("admin:articles_article_tag_suggestions")
    assert staff_client.get(url, {"q": "sh"}).json() == {"tags": ["Shanghai", "shipping"]}
    assert Client().get(url, {"q": "sh"}).status_code == 302  # editors only: to the login page


def test_ticker_admin_orders_pins_by_number_and_validates_entries(staff_client):
    ticker = make_ticker()
    story = make_article(headline="Pin me")
    url = f"/admin/articles/ticker/{ticker.pk}/change/"
    base = {"title": "Off the wire", "slug": "off-the-wire", "size": 10, "entries-INITIAL_FORMS": 0}
    bad = staff_client.post(url, base | {"entries-TOTAL_FORMS": 1, "entries-0-action": "hide", "entries-0-position": 1,
                                         "entries-0-kind": "news", "entries-0-precedence": "routine"})  # fmt: skip
    assert "Choose the story to keep off the ticker." in bad.content.decode()
    good = staff_client.post(
        url,
        base
        | {
            "entries-TOTAL_FORMS": 2,
            "entries-0-action": "pin",
            "entries-0-position": 2,
            "entries-0-article": story.pk,
            "entries-0-kind": "news",
            "entries-0-precedence": "routine",
            "entries-1-action": "pin",
            "entries-1-position": 1,
            "entries-1-headline": "Outside headline",
            "entries-1-url": "https://partner.example/x",
            "entries-1-kind": "feature",
            "entries-1-precedence": "routine",
        },
    )
    assert good.status_code == 302
    assert [str(e) for e in TickerEntry.objects.all()] == [
        "Pin to the front: Outside headline",
        "Pin to the front: Pin me",
    ]
    assert "Feature: Outside headline" in staff_client.get(url).content.decode()


def test_long_byline_names_get_a_slug_that_fits():
    from .factories import make_byline

    name = "Correspondent " + "Long Compound Family Name " * 3  # 92 characters: fits the name, not a 50-character slug
    first, second = make_byline(name=name, slug=""), make_byline(name=name, slug="")
    assert len(first.slug) <= 50 and len(second.slug) <= 50
    assert first.slug != second.slug
