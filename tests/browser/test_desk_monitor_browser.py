"""The desk page in Chromium: a Flash the wire moves after the page opened
appears in the Incoming wire queue without a reload, and a one-click move
works from the page."""

import pytest
from django.urls import reverse

from articles.admin import monitor
from articles.models import Precedence, Status
from tests.browser.conftest import log_in
from tests.factories import make_article
from tests.roles import make_user
from tests.wire_helpers import ingest, ninjs2, write

pytestmark = pytest.mark.django_db(transaction=True)


def test_desk_page_shows_a_newly_ingested_flash_without_a_reload(live_server, page, monkeypatch, tmp_path):
    monkeypatch.setattr(monitor, "POLL_SECONDS", 1)
    make_user("Editor", "ed")
    log_in(page, live_server, "ed")
    page.wait_for_url(live_server.url + reverse("admin_desk"))  # Editors land on the desk
    page.evaluate("window.notReloaded = true")
    incoming = page.locator('[data-column="incoming"]')
    assert "Volcano erupts" not in incoming.inner_text()

    status, lines = ingest(
        write(tmp_path, "flash.json", ninjs2(uri="urn:test:flash", headline="FLASH: Volcano erupts"))
    )
    assert status == 0, lines

    item = incoming.locator("[data-precedence=flash]", has_text="Volcano erupts")
    item.wait_for(timeout=10_000)
    assert page.evaluate("window.notReloaded") is True
    assert "desk-item--hot" in item.get_attribute("class")


def test_editor_publishes_from_the_desk_page(live_server, page):
    make_user("Editor", "ed")
    reporter = make_user("Reporter", "rita")
    story = make_article(
        headline="Harbour report ready", status=Status.SUBMITTED, published_at=None, created_by=reporter
    )
    log_in(page, live_server, "ed")
    page.wait_for_url(live_server.url + reverse("admin_desk"))  # Editors land on the desk
    with page.expect_navigation():
        page.get_by_role("button", name="Publish: Harbour report ready").click()
    assert page.locator(".messagelist").inner_text().endswith("Published.")
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED
    assert story.precedence == Precedence.ROUTINE
    assert "Harbour report ready" in page.locator('[data-column="live"]').inner_text()
