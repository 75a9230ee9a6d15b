"""The reader's controls in a real browser: text size by keyboard, the ticker's
pause button, reduced motion, and pages free of console errors."""

import pytest

from tests.factories import make_article, make_byline, make_ticker

pytestmark = pytest.mark.django_db(transaction=True)

# Sums layout-shift entries (not caused by input) from the very start of each page.
LAYOUT_SHIFTS = """
window.__shifts = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts += entry.value;
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.fixture
def stories(db):
    make_ticker()
    byline = make_byline(name="Li Wen", slug="li-wen")
    body = "".join(f"<p>Paragraph {n} of a story long enough to wrap on a phone screen.</p>" for n in range(6))
    first = make_article(headline="River talks extended", body=body, bylines=[byline], tags=["shipping"])
    second = make_article(headline="Harbour ferries resume", body=body, tags=["shipping"])
    make_article(headline="Port chief on the timetable", kind="interview")
    return first, second


def body_font_px(page):
    return page.eval_on_selector("[data-story-body]", "el => parseFloat(getComputedStyle(el).fontSize)")


def tab_to(page, name, limit=80):
    """Press Tab until the focused element is the button called `name`, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def test_font_size_grows_by_keyboard_and_is_kept_without_layout_shift(live_server, page, stories):
    first, second = stories
    page.add_init_script(LAYOUT_SHIFTS)
    page.goto(live_server.url + first.get_absolute_url())
    start = body_font_px(page)

    tab_to(page, "Larger text")
    page.keyboard.press("Enter")
    page.keyboard.press("Space")
    assert body_font_px(page) == pytest.approx(start * 1.5)
    assert page.locator("[data-font-current]").inner_text() == "150%"
    assert page.get_by_role("button", name="Default text size").get_attribute("aria-pressed") == "false"

    page.goto(live_server.url + second.get_absolute_url())
    page.wait_for_timeout(300)
    assert page.evaluate("window.__shifts") == 0, "the kept text size moved the page after it was painted"
    assert page.evaluate("document.documentElement.dataset.fontSize") == "150"
    assert body_font_px(page) == pytest.approx(start * 1.5)

    tab_to(page, "Default text size")
    page.keyboard.press("Enter")
    assert body_font_px(page) == pytest.approx(start)
    assert page.get_by_role("button", name="Default text size").get_attribute("aria-pressed") == "true"


def test_largest_text_size_still_reflows_on_a_phone(live_server, page, stories):
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(live_server.url + stories[0].get_absolute_url())
    larger = page.get_by_role("button", name="Larger text")
    for _ in range(3):
        larger.click()
    larger.press("Enter")  # past the last step: stays at 200 %
    assert page.locator("[data-font-current]").inner_text() == "200%"
    assert larger.get_attribute("aria-disabled") == "true"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "page scrolls sideways"
    box = larger.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24


def ticker_animation(page):
    return page.evaluate(
        """() => {
          const list = document.querySelector('[data-ticker-items]');
          const running = list.getAnimations();
          return {count: running.length, state: running[0] && running[0].playState,
                  css: getComputedStyle(list).animationPlayState};
        }"""
    )


def test_ticker_pause_button_stops_the_animation_and_is_remembered(live_server, page, stories):
    page.goto(live_server.url + "/")
    page.wait_for_selector(".ticker--moving")
    assert ticker_animation(page)["state"] == "running"

    toggle = page.get_by_role("button", name="Pause the ticker")
    toggle.focus()
    page.keyboard.press("Enter")
    assert ticker_animation(page) == {"count": 1, "state": "paused", "css": "paused"}
    # A pause is pending until the next frame: wait for it to settle before measuring.
    page.evaluate("() => document.querySelector('[data-ticker-items]').getAnimations()[0].ready")
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    before = page.eval_on_selector("[data-ticker-items]", "el => getComputedStyle(el).transform")
    page.wait_for_timeout(400)
    assert page.eval_on_selector("[data-ticker-items]", "el => getComputedStyle(el).transform") == before

    page.goto(live_server.url + stories[0].get_absolute_url())
    assert page.get_by_role("button", name="Play the ticker").is_visible()
    assert ticker_animation(page)["state"] == "paused"


def test_reduced_motion_shows_a_static_ticker_list(live_server, page, stories):
    page.emulate_media(reduced_motion="reduce")
    page.goto(live_server.url + "/")
    page.wait_for_load_state("load")
    assert ticker_animation(page)["count"] == 0
    items = page.locator("[data-ticker-items] > li:not([data-ticker-clone])")
    assert items.count() == 3
    for n in range(items.count()):
        assert items.nth(n).is_visible()
    assert page.locator("[data-ticker-clone]").first.is_hidden()


def test_public_pages_log_no_console_errors(live_server, page, stories, settings):
    settings.ARTICLES_PER_PAGE = 1  # so the home page has a second page
    first, _ = stories
    for path in [
        "/",
        "/?page=2",
        first.get_absolute_url(),
        "/tags/shipping/",
        "/sources/xinhua/",
        "/bylines/li-wen/",
        "/kinds/interview/",
        "/search/?q=harbour",
        "/search/?q=",
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        page.wait_for_load_state("load")
    assert page.console_errors == []


@pytest.mark.parametrize("width", [1280, 390])
def test_starting_the_ticker_does_not_shift_the_page(live_server, page, width):
    make_ticker()
    for n in range(10):
        make_article(headline=f"Headline {n} about harbour ferries and the port talks")
    page.set_viewport_size({"width": width, "height": 800})
    page.add_init_script(LAYOUT_SHIFTS)
    page.goto(live_server.url + "/")
    page.wait_for_selector(".ticker--moving")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__shifts") == 0


@pytest.mark.parametrize(("width", "motion"), [(1280, "no-preference"), (390, "no-preference"), (390, "reduce")])
def test_sticky_ticker_never_covers_the_focused_element(live_server, page, stories, width, motion):
    page.set_viewport_size({"width": width, "height": 600})
    page.emulate_media(reduced_motion=motion)
    page.goto(live_server.url + stories[0].get_absolute_url())
    page.wait_for_selector(".ticker--moving")
    page.get_by_role("button", name="Pause the ticker").click()  # keep the ticker's own links still
    for _ in range(40):  # to the end of the page, then back up, where the ticker sits
        page.keyboard.press("Tab")
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        covered = page.evaluate(
            """() => {
              const el = document.activeElement, ticker = document.querySelector('[data-ticker]');
              if (!el || el === document.body || ticker.contains(el)) return false;
              const a = el.getBoundingClientRect(), t = ticker.getBoundingClientRect();
              return a.bottom > t.top + 1 && a.top < t.bottom - 1;  // the two overlap
            }"""
        )
        assert not covered, page.evaluate("document.activeElement.outerHTML")
