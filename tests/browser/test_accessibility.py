"""axe-core (the npm package, pinned in package-lock.json) audits every kind of
public page at desktop and phone widths for WCAG 2.0/2.1/2.2 A and AA."""

import pytest

from tests.browser.conftest import AXE, axe_violations, open_page
from tests.factories import make_article, make_byline, make_ticker, pin

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def desk(db):
    make_ticker()
    byline = make_byline(name="Li Wen", slug="li-wen")
    lead = make_article(
        headline="Ministers agree to extend river-port talks",
        summary="A working group will meet weekly until a deal is signed.",
        body="<p>Two ministers met on Thursday.</p><p>They agreed a <a href='https://example.org/'>timetable</a>.</p>",
        dateline="MOSCOW",
        precedence="urgent",
        bylines=[byline],
        tags=["shipping", "diplomacy"],
    )
    make_article(headline="Port chief on the new timetable", kind="interview", tags=["shipping"])
    make_article(headline="Harbour ferries resume", tags=["shipping"])
    pin(headline="Outside headline pinned to the front", url="https://example.org/story")
    return lead


@pytest.fixture
def page(browser):
    """A page whose context lets the test inject axe-core past the site's CSP
    (the CSP itself is checked in test_csp_browser.py)."""
    yield from open_page(browser, bypass_csp=True)


@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_no_wcag_violations_on_public_pages(live_server, page, desk, width):
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run make test (it runs npm ci).")
    page.set_viewport_size({"width": width, "height": 900})
    paths = {
        "home": "/",
        "article": desk.get_absolute_url(),
        "archive": "/tags/shipping/",
        "search": "/search/?q=ferries",
        "empty search": "/search/?q=",
        "not found": "/no-such-page/",
    }
    problems = {}
    for name, path in paths.items():
        page.goto(live_server.url + path)
        found = axe_violations(page)
        if found:
            problems[name] = found
    # The not-found page answers 404 on purpose; Chromium logs that status as a console error.
    page.console_errors[:] = [e for e in page.console_errors if "status of 404" not in e]
    assert not problems, problems
