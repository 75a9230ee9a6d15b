"""Every desk button on the story form works when a person clicks it in a real
browser (the Restore and Lift embargo buttons once sat in forms nested inside
the story form, which browsers drop), and the form keeps typed text."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Correction, Status
from tests.browser.conftest import log_in
from tests.factories import make_article
from tests.roles import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _settle(page):
    """Let the story form's last presence ping and goodbye finish before the database is flushed."""
    yield
    page.wait_for_load_state("networkidle")
    page.goto("about:blank")
    page.wait_for_timeout(500)


def open_story(page, live_server, article):
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[article.pk]))


def clicked(page, selector):
    with page.expect_navigation():
        page.click(selector)
    page.wait_for_selector(".messagelist")


def test_reporter_clicks_send_to_desk(live_server, page):
    reporter = make_user("Reporter", "rita")
    article = make_article(status=Status.DRAFT, published_at=None, created_by=reporter)
    log_in(page, live_server, "rita")
    open_story(page, live_server, article)
    clicked(page, "[data-desk-submit]")
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED
    assert page.locator('[data-state="submitted"]').first.inner_text() == "Ready for desk"


def test_editor_clicks_return_to_reporter_publish_withdraw_and_correct(live_server, page):
    make_user("Editor", "ed")
    returned = make_article(status=Status.SUBMITTED, published_at=None)
    log_in(page, live_server, "ed")

    open_story(page, live_server, returned)
    page.click("[data-desk-return]")
    page.fill("textarea[name=note]", "Needs a second source.")
    clicked(page, "input[type=submit].default")
    returned.refresh_from_db()
    assert (returned.status, returned.return_note) == (Status.DRAFT, "Needs a second source.")

    draft = make_article(status=Status.DRAFT, published_at=None)
    open_story(page, live_server, draft)
    clicked(page, "[data-desk-publish]")
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED

    open_story(page, live_server, draft)
    page.click("[data-desk-correct]")
    page.fill("textarea[name=text]", "The ferry is the Aurora, not the Boreas.")
    clicked(page, "input[type=submit].default")
    assert Correction.objects.filter(article=draft, text="The ferry is the Aurora, not the Boreas.").exists()

    open_story(page, live_server, draft)
    page.click("[data-desk-withdraw]")
    page.fill("textarea[name=reason]", "Legal advice.")
    clicked(page, "input[type=submit].default")
    draft.refresh_from_db()
    assert (draft.status, draft.withdrawn_reason) == (Status.WITHDRAWN, "Legal advice.")


def test_desk_chief_clicks_restore_and_lift_embargo(live_server, page):
    make_user("Desk chief", "boss")
    withdrawn = make_article(status=Status.WITHDRAWN, withdrawn_reason="Mistake.")
    embargoed = make_article(embargo_until=timezone.now() + timedelta(hours=5))
    log_in(page, live_server, "boss")

    open_story(page, live_server, withdrawn)
    clicked(page, "[data-desk-restore]")
    withdrawn.refresh_from_db()
    assert withdrawn.status == Status.PUBLISHED

    open_story(page, live_server, embargoed)
    clicked(page, "[data-desk-lift-embargo]")
    embargoed.refresh_from_db()
    assert embargoed.embargo_until is None


def test_typed_text_survives_a_closed_tab_and_is_offered_back(live_server, browser, page):
    make_user("Editor", "ed")
    article = make_article(headline="Ferry link reopens")
    log_in(page, live_server, "ed")
    open_story(page, live_server, article)
    page.fill("#id_headline", "Ferry link reopens after a week of storms")
    page.wait_for_timeout(5500)  # the form keeps a copy every five seconds
    page.goto("about:blank")  # the tab is gone; nothing was saved
    article.refresh_from_db()
    assert article.headline == "Ferry link reopens"

    open_story(page, live_server, article)
    offer = page.locator("[data-keep-text]")
    offer.wait_for(state="visible")
    assert page.input_value("#id_headline") == "Ferry link reopens"
    page.click("[data-keep-text-restore]")
    page.wait_for_function("document.querySelector('#id_headline').value.includes('storms')")
    assert page.input_value("#id_headline") == "Ferry link reopens after a week of storms"
