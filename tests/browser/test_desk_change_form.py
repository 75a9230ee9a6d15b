"""The story form in a real browser: keyboard shortcuts that each editor can
switch off, and the "Also open by …" presence note."""

import pytest
from django.urls import reverse

from articles.models import Status
from tests.browser.conftest import log_in
from tests.factories import make_article
from tests.roles import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_ctrl_s_saves_and_the_shortcuts_can_be_switched_off(live_server, page):
    make_user("Editor", "ann")
    article = make_article(status=Status.DRAFT, published_at=None, headline="Tide tables")
    url = live_server.url + reverse("admin:articles_article_change", args=[article.pk])
    log_in(page, live_server, "ann")
    page.goto(url)
    page.fill("#id_headline", "Tide tables for the week")
    page.keyboard.press("Control+s")
    page.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert article.headline == "Tide tables for the week"

    page.uncheck("[data-shortcuts-toggle]")
    page.reload()
    assert not page.is_checked("[data-shortcuts-toggle]")  # kept in this browser
    page.fill("#id_headline", "Not saved by a stray key")
    page.keyboard.press("Control+s")
    page.wait_for_timeout(300)
    article.refresh_from_db()
    assert article.headline == "Tide tables for the week"


def test_second_editor_sees_who_else_has_the_story_open(live_server, browser, page):
    make_user("Editor", "ann")
    make_user("Desk chief", "cho")
    article = make_article()
    url = live_server.url + reverse("admin:articles_article_change", args=[article.pk])
    log_in(page, live_server, "ann")
    with page.expect_response(lambda response: "/presence/" in response.url):
        page.goto(url)  # Ann's first ping has reached the desk
    other = browser.new_context().new_page()
    log_in(other, live_server, "cho")
    other.goto(url)
    note = other.locator("[data-presence]")
    note.wait_for(state="visible")
    assert note.inner_text().startswith("Also open by Editor")
    other.context.close()
