"""Under the Content-Security-Policy, in a real Chromium: home, a story, the
widget, the ticker demo and the admin story form (with its body editor) load
and work with no violation reported, and the nonce'd inline script runs."""

import pytest
from django.urls import reverse

from articles.models import Status
from tests.factories import make_article
from tests.photo_factories import make_image
from tests.roles import make_user

pytestmark = pytest.mark.django_db(transaction=True)

# Recorded before any page script runs: every violation the browser reports.
WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} in ${where}`);
});
"""


@pytest.fixture
def watched(page):
    page.add_init_script(WATCH)
    messages = []
    page.on("console", lambda m: "Content Security Policy" in m.text and messages.append(m.text))
    page.csp_console = messages
    return page


def violations(page):
    return page.evaluate("window.__cspViolations") + [f"console: {m}" for m in page.csp_console]


def assert_clean(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    page.wait_for_load_state("networkidle")
    assert violations(page) == [], url


def test_reader_pages_and_widget_load_with_no_csp_violation(live_server, watched, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    story = make_article(headline="Harbour wall repaired", lead_image=make_image(size=(1280, 720)))
    for path in ["/", story.get_absolute_url(), "/ticker/embed/", "/ticker/demo/", "/search/?q=harbour"]:
        assert_clean(watched, live_server.url + path)
    # The nonce'd inline script ran before first paint; the photo loaded from /media/.
    assert watched.evaluate("document.documentElement.classList.contains('js')")
    watched.goto(live_server.url + story.get_absolute_url())
    assert watched.evaluate(
        "[...document.images].some(i => i.complete && i.naturalWidth > 0 && i.currentSrc.includes('/media/'))"
    )
    # The font-size control still works (its module and the stored choice).
    watched.get_by_role("button", name="Larger").click()
    watched.reload()
    assert watched.evaluate("document.documentElement.dataset.fontSize")


def test_admin_story_form_and_its_body_editor_work_under_the_policy(live_server, watched):
    make_user("Editor", "ann")
    story = make_article(status=Status.DRAFT, published_at=None, headline="Tide tables")
    watched.goto(live_server.url + reverse("admin:login"))
    watched.fill("#id_username", "ann")
    watched.fill("#id_password", "pw-for-tests-only")
    watched.click("input[type=submit]")
    watched.wait_for_url(lambda url: "/admin/login/" not in url)  # the admin index, or the desk page for Editors
    assert_clean(watched, live_server.url + reverse("admin:articles_article_change", args=[story.pk]))
    editor = watched.locator(".ProseMirror:visible").first
    editor.wait_for(state="visible")  # the editor's modules and import map were allowed to run
    editor.click()
    watched.keyboard.type(" More copy.")
    watched.click("input[name=_draft]")  # "Save draft"
    watched.wait_for_selector(".messagelist .success")
    story.refresh_from_db()
    assert "More copy." in story.body
    for path in [reverse("admin:articles_article_changelist"), reverse("admin:articles_article_add")]:
        assert_clean(watched, live_server.url + path)
