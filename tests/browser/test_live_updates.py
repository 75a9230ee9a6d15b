"""Developing stories on open pages, in a real browser (static/js/live.js): a new
wire version reaches an open story page without a reload, a withdrawal too, and
a new Flash or Urgent reaches an open home page; announced politely, still, under
reduced motion, and with no axe violation while the notice shows.

The page cache is on, as in production: the JSON the pages poll is cached and
cleared by the change, which is what makes the new version appear."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles import workflow
from articles.models import Article, Precedence
from tests.browser.conftest import AXE, axe_violations, open_page
from tests.factories import make_article, make_ticker, xinhua
from tests.wire_helpers import ingest, ninjs2, write

pytestmark = pytest.mark.django_db(transaction=True)

WAIT = 15_000  # ms: the pages ask every second


@pytest.fixture(autouse=True)
def _live(settings):
    settings.TICKER_REFRESH_SECONDS = 1
    settings.PAGE_CACHE_SECONDS = 300
    make_ticker()


def wire(tmp_path, version, headline, body, moved):
    doc = ninjs2(uri="urn:test:quake", headline=headline, body=body, version=str(version), versioncreated=moved)
    status, lines = ingest(write(tmp_path, f"quake-{version}.json", doc), "--source", "xinhua")
    assert status == 0, lines


@pytest.fixture
def quake(tmp_path):
    """A story moved on the wire (version 1); returns a function moving version 2."""
    xinhua()
    wire(tmp_path, 1, "Quake hits the coast", "<p>A strong quake hit the coast.</p>", "2026-03-24T09:00:00Z")
    article = Article.objects.get(guid="urn:test:quake")
    article.moves = lambda: wire(
        tmp_path, 2, "Quake death toll rises to 12", "<p>Officials said 12 people died.</p>", "2026-03-24T09:32:00Z"
    )
    return article


def test_a_new_wire_version_reaches_an_open_story_page_without_a_reload(live_server, page, quake):
    page.goto(live_server.url + quake.get_absolute_url())
    page.evaluate("window.__notReloaded = true")
    expect(page.locator("[data-developing-timeline]")).to_have_count(0)
    page.wait_for_timeout(1500)  # the page has asked once and heard nothing new

    quake.moves()

    message = page.locator("[data-live-message]")
    expect(message).to_have_text("Updated 09:32 — New headline: Quake death toll rises to 12", timeout=WAIT)
    assert message.get_attribute("role") == "status" and message.get_attribute("aria-live") == "polite"
    expect(page.locator("[data-story-body]")).to_contain_text("A strong quake hit the coast.")  # not yet swapped

    page.get_by_role("button", name="Show the new text").click()

    expect(page.locator("[data-story-body]")).to_contain_text("Officials said 12 people died.")
    expect(page.locator("article h1")).to_have_text("Quake death toll rises to 12")
    timeline = page.locator("[data-developing-timeline]")
    expect(timeline.get_by_role("heading", name="Developing story")).to_be_visible()
    expect(timeline.locator("li").first).to_have_text("Mar 24, 09:32 UTC — New headline: Quake death toll rises to 12")
    expect(page.get_by_role("button", name="Show the new text")).to_be_hidden()
    assert page.evaluate("document.activeElement.matches('[data-story-body]')"), "focus goes to the new text"
    assert page.evaluate("window.__notReloaded")
    page.wait_for_timeout(2500)
    expect(message).to_have_text("")  # version 2 is shown: nothing more to say


def test_an_open_story_page_learns_the_story_was_withdrawn(live_server, page, quake):
    page.goto(live_server.url + quake.get_absolute_url())
    page.wait_for_timeout(1500)

    quake.refresh_from_db()
    workflow.withdraw(quake, user=None, reason="Xinhua withdrew this story: wrong location.")

    expect(page.locator("[data-live-message]")).to_have_text(
        "This story has been withdrawn. Xinhua withdrew this story: wrong location.", timeout=WAIT
    )
    expect(page.locator("[data-story-body]")).to_be_hidden()
    # The browser logs the 410 it was told; nothing else went wrong.
    page.console_errors[:] = [e for e in page.console_errors if "status of 410" not in e]


def test_a_new_flash_and_then_an_urgent_reach_an_open_home_page(live_server, page):
    make_article(headline="Harbour reopens")
    page.goto(live_server.url + "/")
    slot = page.locator("[data-live-flash]")
    expect(slot).to_be_empty()
    page.wait_for_timeout(1500)

    workflow.flash(user=None, headline="Quake hits the coast", source=xinhua())

    banner = slot.get_by_role("region", name="Flash")
    expect(banner).to_contain_text("Flash: Quake hits the coast", timeout=WAIT)
    flash = Article.objects.get(headline="Quake hits the coast")
    assert banner.get_by_role("link").get_attribute("href") == flash.get_absolute_url()
    # Announced once, politely: by the banner, or by the ticker if it heard first.
    spoken = page.locator("[data-live-flash-status], [data-ticker-status]").all_inner_texts()
    assert any("Flash: Quake hits the coast" in text for text in spoken), spoken

    make_article(headline="Ferry sinks off the cape", precedence=Precedence.URGENT, published_at=timezone.now())

    expect(slot.get_by_role("region", name="Urgent")).to_contain_text("Urgent: Ferry sinks", timeout=WAIT)
    status = page.locator("[data-live-flash-status]")
    expect(status).to_have_text("Urgent: Ferry sinks off the cape")
    assert status.get_attribute("role") == "status"


@pytest.mark.parametrize(("motion", "animation"), [("reduce", "none"), ("no-preference", "live-arrive")])
def test_the_notice_moves_only_for_readers_who_have_not_asked_for_less(live_server, browser, quake, motion, animation):
    for page in open_page(browser, reduced_motion=motion):
        page.goto(live_server.url + quake.get_absolute_url())
        page.wait_for_timeout(1500)
        quake.moves()
        expect(page.locator("[data-live-message]")).not_to_be_empty(timeout=WAIT)
        assert page.eval_on_selector("[data-live-notice]", "el => getComputedStyle(el).animationName") == animation


def test_axe_finds_no_violations_with_the_update_notice_and_the_flash_banner_shown(live_server, browser, quake):
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run `npm ci` (make test does).")
    for page in open_page(browser, bypass_csp=True):
        page.goto(live_server.url + quake.get_absolute_url())
        page.wait_for_timeout(1500)
        quake.moves()
        expect(page.get_by_role("button", name="Show the new text")).to_be_visible(timeout=WAIT)
        assert axe_violations(page) == []
        page.get_by_role("button", name="Show the new text").click()
        expect(page.locator("[data-developing-timeline]")).to_be_visible()
        assert axe_violations(page) == []

        page.goto(live_server.url + "/")
        make_article(
            headline="Ferry sinks", precedence=Precedence.URGENT, published_at=timezone.now() - timedelta(seconds=5)
        )
        expect(page.locator("[data-live-flash] [data-flash]")).to_be_visible(timeout=WAIT)
        assert axe_violations(page) == []


# Lets a test hide the tab: document.hidden follows window.__hidden.
HIDEABLE = """
window.__hidden = false;
Object.defineProperty(document, "hidden", {configurable: true, get: () => window.__hidden});
"""


def test_polling_stops_while_the_tab_is_hidden_and_resumes_when_shown(live_server, page, quake):
    asked = []
    page.on("request", lambda request: "/live/story/" in request.url and asked.append(request.url))
    page.add_init_script(HIDEABLE)
    page.goto(live_server.url + quake.get_absolute_url())
    page.wait_for_timeout(2500)
    assert asked, "the page asks while it is shown"

    page.evaluate("window.__hidden = true; document.dispatchEvent(new Event('visibilitychange'))")
    page.wait_for_timeout(300)
    before = len(asked)
    page.wait_for_timeout(3000)
    assert len(asked) == before, "a hidden tab asks nothing"

    page.evaluate("window.__hidden = false; document.dispatchEvent(new Event('visibilitychange'))")
    page.wait_for_timeout(300)
    assert len(asked) == before + 1, "shown again, it asks at once"


def test_polling_backs_off_while_the_desk_cannot_be_reached(live_server, page, quake):
    asked = []
    page.route("**/live/story/**", lambda route: (asked.append(1), route.abort()))
    page.goto(live_server.url + quake.get_absolute_url())
    page.wait_for_timeout(7500)
    # Every second it would be 7; backing off (1, 2, 4 s apart) it is 3.
    assert 2 <= len(asked) <= 4, len(asked)
    page.console_errors[:] = [e for e in page.console_errors if "ERR_FAILED" not in e]
