"""Real-browser tests: Playwright for Python driving Debian's chromium.

They are skipped, with a message saying why, only when no browser can be had
(`make test` installs chromium with apt when it runs as root)."""

import os
import shutil
from pathlib import Path

import pytest
from django.urls import reverse

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    # This machine has no network beyond loopback: keep Chromium from trying.
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip(f"No chromium at {CHROMIUM}: install Debian's chromium (make test does, as root) to run these.")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - requirements-dev.txt installs it
        pytest.skip("Playwright for Python is not installed: run make test.")
    # Playwright's sync API runs an event loop; Django must allow ORM calls from tests meanwhile.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser context (no stored font size or pause) and a page that
    fails the test on any console error or uncaught exception."""
    yield from open_page(browser)


def open_page(browser, **context_options):
    """The `page` fixture's body, for fixtures that need other context options."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **context_options)
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.console_errors = errors
    yield page
    context.close()
    assert not errors, f"console errors: {errors}"


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page):
    """axe-core's WCAG 2.0-2.2 A/AA violations on the page, one line each.
    The page's context needs bypass_csp=True: the site's CSP refuses an injected script."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]


def log_in(page, live_server, username):
    """Log in through the admin's login form (tests.roles' password); returns once the browser has left it."""
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-for-tests-only")
    page.click("input[type=submit]")
    page.wait_for_url(lambda url: "/admin/login/" not in url)  # the admin index, or the desk page for Editors
