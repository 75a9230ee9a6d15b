"""The three admin pages desk staff live in (the desk page, the story list,
the story form) in Chromium at 1280 px: no axe-core WCAG 2.2 AA violations,
named toolbar buttons, readable headlines, and the writing surface works:
live word count, spellcheck, preview before the first save."""

import pytest
from django.urls import reverse

from articles.models import Article, Status
from tests.browser.conftest import AXE, axe_violations, log_in
from tests.factories import make_article, make_byline
from tests.roles import make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def audited(browser):
    """A page whose context lets axe's script in (the admin's CSP would block an injected script)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    yield page
    page.wait_for_load_state("networkidle")
    page.goto("about:blank")
    page.wait_for_timeout(300)
    context.close()


@pytest.fixture
def desk(db):
    byline = make_byline(name="Li Wen", slug="li-wen")
    lead = make_article(
        headline="Ministers agree to extend the river-port talks into next week after a long night",
        body="<p>Two ministers met on Thursday.</p>",
        precedence="urgent",
        bylines=[byline],
        tags=["shipping", "diplomacy", "river ports", "transport policy"],
    )
    make_article(headline="Harbour report ready", status=Status.SUBMITTED, published_at=None)
    make_article(headline="Quake hits the coast", precedence="flash", created_by=None)
    return lead


def test_axe_finds_no_violations_on_the_three_admin_pages(live_server, audited, desk):
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run make test (it runs npm ci).")
    make_user("Desk chief", "chief")
    log_in(audited, live_server, "chief")
    paths = {
        "desk": reverse("admin_desk"),
        "story list": reverse("admin:articles_article_changelist"),
        "story form": reverse("admin:articles_article_change", args=[desk.pk]),
        "new story": reverse("admin:articles_article_add"),
    }
    problems = {}
    for name, path in paths.items():
        audited.goto(live_server.url + path)
        audited.wait_for_load_state("networkidle")
        found = axe_violations(audited)
        if found:
            problems[name] = found
    assert not problems, problems


def test_editor_toolbar_buttons_have_real_names(live_server, page, desk):
    make_user("Editor", "ed")
    log_in(page, live_server, "ed")
    page.goto(live_server.url + reverse("admin:articles_article_change", args=[desk.pk]))
    page.locator(".field-body [contenteditable=true]").wait_for()
    bold = page.get_by_role("button", name="Bold", exact=True)
    assert bold.count() == 1
    names = page.evaluate(
        "[...document.querySelectorAll('.field-body button')].map(b => b.getAttribute('aria-label') || b.textContent)"
    )
    assert not [name for name in names if "_" in name or not name.strip()], names


def test_story_list_headlines_are_readable_at_1280px(live_server, page, desk):
    make_user("Editor", "ed")
    log_in(page, live_server, "ed")
    page.goto(live_server.url + reverse("admin:articles_article_changelist"))
    cell = page.locator("td.field-labelled_headline, th.field-labelled_headline").first
    box = cell.bounding_box()
    assert box["width"] >= 250, box
    assert box["height"] < 80, box  # two or three lines, not six
    tags = page.locator("td.field-tag_list").first.bounding_box()
    assert tags["x"] + tags["width"] <= 1280, tags  # the last column is in view


def test_writing_surface_counts_words_and_checks_spelling(live_server, page, desk):
    make_user("Reporter", "rita")
    log_in(page, live_server, "rita")
    page.goto(live_server.url + reverse("admin:articles_article_add"))
    body = page.locator(".field-body [contenteditable=true]")
    body.wait_for()
    assert body.get_attribute("spellcheck") == "true"
    assert body.bounding_box()["height"] >= 12 * 16  # about twelve lines
    body.click()
    page.keyboard.type("Ferries resume after the storm")
    page.wait_for_function("document.querySelector('[data-body-count]').textContent.startsWith('5 words')")
    assert page.locator("[data-desk-primary]").get_attribute("value") == "Submit to desk"


def test_preview_before_the_first_save(live_server, page, desk):
    make_user("Reporter", "rita")
    log_in(page, live_server, "rita")
    page.goto(live_server.url + reverse("admin:articles_article_add"))
    page.fill("#id_headline", "Bridge closed by high winds")
    body = page.locator(".field-body [contenteditable=true]")
    body.click()
    page.keyboard.type("Police diverted the traffic.")
    with page.context.expect_page() as opened:
        page.click("[data-desk-form-preview]")
    preview = opened.value
    preview.wait_for_load_state()
    assert preview.locator("h1").inner_text() == "Bridge closed by high winds"
    assert "Police diverted the traffic." in preview.locator("article").inner_text()
    assert preview.locator("[data-form-preview]").count() == 1
    preview.close()
    assert not Article.objects.filter(headline="Bridge closed by high winds").exists()
