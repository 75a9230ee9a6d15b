"""Real-browser tests: Playwright for Python driving Debian's chromium.

They are skipped, with a message saying why, only when no browser can be had
(`make test` installs chromium with apt when it runs as root)."""

import os
import shutil

import pytest

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
