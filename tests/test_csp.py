"""A Content-Security-Policy on every response: our own files only, inline
code only with the request's nonce, never eval; the widget page may be framed
by the partners TICKER_FRAME_ANCESTORS names; a report-only switch; and a
Permissions-Policy header."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .csp import directives, nonce_of
from .factories import make_article
from .roles import login

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def inline_scripts(html):
    """(attributes, body) of every <script> the browser runs that has no src
    (JSON-LD is data, never run, so CSP leaves it alone)."""
    found = re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S)
    return [(a, b) for a, b in found if "src=" not in a and "application/ld+json" not in a]


@pytest.fixture
def story():
    return make_article(headline="Harbour wall repaired")


def test_every_kind_of_response_carries_the_policy(client, story):
    urls = [
        "/",
        story.get_absolute_url(),
        "/search/?q=harbour",
        "/ticker.json",
        "/feeds/latest.rss",
        "/sitemap.xml",
        "/robots.txt",
        "/no-such-page/",
        "/admin/login/",
        "/api/ninjs/",
    ]
    for url in urls:
        response = client.get(url)
        policy = directives(response)
        assert policy["default-src"] == "'self'", url
        assert policy["object-src"] == "'none'", url
        assert "'unsafe-eval'" not in response["Content-Security-Policy"], url
        assert "'unsafe-inline'" not in policy["script-src"], url
        assert response["Permissions-Policy"].startswith("camera=()"), url


def test_the_font_size_script_runs_before_first_paint_with_the_requests_nonce(client, story):
    first, second = client.get(story.get_absolute_url()), client.get(story.get_absolute_url())
    scripts = inline_scripts(first.content.decode())
    assert len(scripts) == 1 and "newsdesk:font-size" in scripts[0][1]
    assert f'nonce="{nonce_of(first)}"' in scripts[0][0]
    assert nonce_of(first) != nonce_of(second)  # a new one every time


def test_no_page_has_an_inline_script_without_the_nonce(client, story, staff_client):
    for page_client, url in [
        (client, "/"),
        (client, story.get_absolute_url()),
        (client, "/ticker/embed/"),
        (client, "/ticker/demo/"),
        (staff_client, "/admin/articles/article/add/"),
        (staff_client, f"/admin/articles/article/{story.pk}/change/"),
    ]:
        response = page_client.get(url)
        assert response.status_code == 200, url
        for attributes, _ in inline_scripts(response.content.decode()):
            assert f'nonce="{nonce_of(response)}"' in attributes, (url, attributes)


def test_the_admin_body_editors_import_map_carries_the_nonce(client, story):
    login(client, "Editor")
    response = client.get(f"/admin/articles/article/{story.pk}/change/")
    importmap = re.search(r'<script type="importmap"([^>]*)>', response.content.decode())
    assert importmap and f'nonce="{nonce_of(response)}"' in importmap.group(1)


def test_pages_refuse_framing_but_the_widget_page_follows_the_setting(client, settings):
    assert directives(client.get("/"))["frame-ancestors"] == "'none'"
    settings.TICKER_FRAME_ANCESTORS = ["https://partner.example"]
    embed = client.get("/ticker/embed/")
    assert directives(embed)["frame-ancestors"] == "https://partner.example"
    assert directives(embed)["script-src"].startswith("'self' 'nonce-")  # the rest of the policy still holds


def production_settings(**env):
    """The settings module as a fresh process with this environment sees them."""
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'enforced': s.CONTENT_SECURITY_POLICY, "
        "'report_only': getattr(s, 'CONTENT_SECURITY_POLICY_REPORT_ONLY', None)}, default=repr))"
    )
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsdesk.settings", "SECRET_KEY": "x" * 50, **env}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_report_only_switch_moves_the_policy_to_the_report_only_header():
    enforced = production_settings(CSP_REPORT_ONLY="")
    assert enforced["report_only"] is None
    assert enforced["enforced"]["DIRECTIVES"]["script-src"][0] == "'self'"
    trying = production_settings(CSP_REPORT_ONLY="1", CSP_REPORT_URI="https://reports.example/csp")
    assert trying["report_only"]["DIRECTIVES"]["report-uri"] == "https://reports.example/csp"
    # Only framing stays enforced (as X-Frame-Options does), so nothing breaks while trying.
    assert trying["enforced"]["DIRECTIVES"] == {"default-src": None, "frame-ancestors": ["'none'"]}


def test_report_only_mode_sends_the_report_only_header(client, settings, story):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]}
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": None, "frame-ancestors": ["'none'"]}}
    response = client.get(story.get_absolute_url())
    assert response["Content-Security-Policy"] == "frame-ancestors 'none'"
    assert nonce_of(response, "Content-Security-Policy-Report-Only") in response.content.decode()


def test_a_page_from_the_page_cache_keeps_a_nonce_that_matches_its_script(reader, editor):
    """The page cache sits outside the CSP middleware, so a cached page is stored
    with the header it was drawn with: its inline script still runs."""
    import re

    from tests.factories import make_article

    with editor.commit():
        make_article(headline="Nonce survives the cache")
    cached = reader.warm("/")
    header = cached.headers["Content-Security-Policy"]
    [nonce] = re.findall(r"'nonce-([^']+)'", header.split("script-src", 1)[1].split(";", 1)[0])
    assert f'<script nonce="{nonce}">' in cached.text
