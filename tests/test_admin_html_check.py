"""The Nu Html Checker (vnu.jar, from the npm package vnu-jar pinned in
package-lock.json; MIT licence) finds no errors on the desk page, the story
list and the story form."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import Status

from .factories import make_article, make_byline
from .roles import login

pytestmark = pytest.mark.django_db

VNU = Path(__file__).resolve().parents[1] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def check(pages):
    """{name: [error messages]} for every page the checker faults."""
    java = shutil.which("java")
    if not java or not VNU.exists():
        pytest.skip(
            "The Nu Html Checker needs java and node_modules/vnu-jar: install a JRE and run make test (npm ci)."
        )
    result = subprocess.run(  # noqa: S603 -- fixed arguments, our own files
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages.values()],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    names = {f"file:{path}": name for name, path in pages.items()}
    found = {}
    for message in json.loads(result.stderr or result.stdout)["messages"]:
        where = names.get(message.get("url"), message.get("url"))
        found.setdefault(where, []).append(f"{message.get('lastLine')}: {message['message']}")
    return found


def test_admin_pages_have_no_html_errors(client, tmp_path):
    login(client, "Desk chief")
    story = make_article(headline="Port strike widens", tags=["shipping"], bylines=[make_byline()])
    make_article(status=Status.SUBMITTED, published_at=None, created_by=None)
    urls = {
        "desk": reverse("admin_desk"),
        "story list": reverse("admin:articles_article_changelist"),
        "story form": reverse("admin:articles_article_change", args=[story.pk]),
        "new story": reverse("admin:articles_article_add"),
    }
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200
        path = tmp_path / f"{name.replace(' ', '-')}.html"
        path.write_bytes(response.content)
        pages[name] = str(path)
    problems = check(pages)
    assert not problems, json.dumps(problems, indent=1)
