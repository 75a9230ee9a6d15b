"""The reader pages as people see them, on the demo desk with a Flash, an update and
a correction: no axe-core WCAG 2.2 AA finding wherever the moving ticker stands,
and screenshots of home and article at desktop and phone widths, saved to
var/screenshots/ (ignored by git) for people to look at."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import include, path, re_path
from django.views.static import serve

from articles import workflow
from articles.models import Article, Kind, Source
from tests.browser.conftest import AXE, axe_violations, open_page
from tests.roles import ensure_roles, make_user

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"

# The suite runs with DEBUG off, where the web server serves media (docs/photos.md); here the app does.
urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", lambda request, path: serve(request, path, settings.MEDIA_ROOT)),
    path("", include("newsdesk.urls")),
]


@pytest.fixture
def desk(settings, tmp_path):
    """The demo desk (its drawn photos in a temporary MEDIA_ROOT), then a Flash, an
    update and a correction made as the desk makes them (articles/workflow.py)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path
    settings.ROOT_URLCONF = __name__
    ensure_roles()  # transactional tests flush the role groups the migrations made
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123 - discarded output
    chief = make_user("Desk chief")
    interview = Article.objects.published().filter(kind=Kind.INTERVIEW).first()
    workflow.update(interview, user=chief, what_changed="Adds the minister's answer on tariffs.")
    workflow.correct(interview, user=chief, text="An earlier version misspelt the port's name.")
    workflow.flash(
        user=chief,
        headline="Earthquake of magnitude 6.1 strikes off the northern coast",
        source=Source.objects.get(slug="xinhua"),
        dateline="TOKYO",
    )
    return {"article": interview}


@pytest.fixture
def page(browser):
    """A page whose context lets the test inject axe-core past the site's CSP."""
    yield from open_page(browser, bypass_csp=True)


def hold_ticker_at(page, fraction):
    """Stop the ticker's animation at `fraction` of its run (Web Animations API), so
    the audit sees the items where a reader could meet them."""
    page.wait_for_function("document.querySelector('.ticker--moving')")
    page.evaluate(
        """fraction => { for (const a of document.getAnimations()) {
            a.pause(); a.currentTime = a.effect.getComputedTiming().duration * fraction; } }""",
        fraction,
    )


@pytest.mark.parametrize("width", [1280, 375])
def test_no_wcag_violations_wherever_the_ticker_stands(live_server, page, desk, width):
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run make test (it runs npm ci).")
    page.set_viewport_size({"width": width, "height": 900})
    paths = {
        "home": "/",
        "article": desk["article"].get_absolute_url(),
        "archive": "/kinds/interview/",
        "search": "/search/?q=port",
        "widget": "/ticker/embed/",
    }
    problems = {}
    for name, url in paths.items():
        page.goto(live_server.url + url)
        for fraction in (0, 0.25, 0.5):
            hold_ticker_at(page, fraction)
            found = axe_violations(page)
            if found:
                problems[f"{name} at {fraction:.0%}"] = found
    assert not problems, json.dumps(problems, indent=1)


@pytest.mark.parametrize("width", [1280, 375, 320])
def test_screenshots_of_home_and_article(live_server, page, desk, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    for name, url in {"home": "/", "article": desk["article"].get_absolute_url()}.items():
        page.goto(live_server.url + url)
        page.wait_for_function("document.fonts.status === 'loaded'")
        page.wait_for_function("[...document.images].every(img => img.complete)")
        hold_ticker_at(page, 0)
        page.screenshot(path=SCREENSHOTS / f"{name}-{width}.png", full_page=True)
        assert page.evaluate("document.fonts.check('700 1em \"Source Serif 4\"')")
        # nothing wider than the screen
        assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.fixture
def dark_page(browser):
    yield from open_page(browser, bypass_csp=True, color_scheme="dark")


def test_dark_mode_keeps_wcag_contrast(live_server, dark_page, desk):
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run make test (it runs npm ci).")
    problems = {}
    for name, url in {"home": "/", "article": desk["article"].get_absolute_url()}.items():
        dark_page.goto(live_server.url + url)
        hold_ticker_at(dark_page, 0)
        assert dark_page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
        found = axe_violations(dark_page)
        if found:
            problems[name] = found
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dark_page.goto(live_server.url + "/")
    dark_page.screenshot(path=SCREENSHOTS / "home-1280-dark.png")
    assert not problems, json.dumps(problems, indent=1)


def test_print_shows_the_story_without_rails_or_controls(live_server, page, desk):
    page.emulate_media(media="print")
    for url in ("/", desk["article"].get_absolute_url()):
        page.goto(live_server.url + url)
        hidden = page.evaluate(
            """() => [...document.querySelectorAll('.rail, .ticker, .fontsize, .breadcrumb, .site-search')]
            .map(el => getComputedStyle(el).display)"""
        )
        assert hidden and set(hidden) == {"none"}
    assert page.locator("h1").is_visible() and page.locator("[data-story-body]").is_visible()


LIBERATION_SERIF_BOLD = Path("/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf")


def test_the_fallback_face_takes_the_headline_fonts_room(live_server, page, desk):
    """Until Source Serif 4 arrives, headlines are set in the local fallback face
    scaled to its metrics, so the swap rewraps and moves nothing: the same text
    is as wide (within 3%) and its line as high in both."""
    if not LIBERATION_SERIF_BOLD.exists():
        pytest.skip("Measured against Liberation Serif Bold (Debian's fonts-liberation), not installed here.")
    page.goto(live_server.url + "/")
    page.wait_for_function("document.fonts.status === 'loaded'")
    sizes = page.evaluate(
        """() => Object.fromEntries(['"Source Serif 4"', '"Source Serif 4 Fallback"', 'serif'].map(family => {
            const span = document.createElement('span');
            span.textContent = document.querySelector('.lead__headline').textContent.trim();
            Object.assign(span.style, {font: `700 40px/normal ${family}`, whiteSpace: 'nowrap', position: 'absolute'});
            document.body.append(span);
            const box = span.getBoundingClientRect();
            span.remove();
            return [family, [box.width, box.height]];
        }))"""
    )
    (width, height), (fallback_width, fallback_height) = sizes['"Source Serif 4"'], sizes['"Source Serif 4 Fallback"']
    assert sizes["serif"] != sizes['"Source Serif 4 Fallback"']  # the fallback face was found and scaled
    assert abs(fallback_width - width) / width < 0.03, sizes
    assert abs(fallback_height - height) <= 1, sizes
