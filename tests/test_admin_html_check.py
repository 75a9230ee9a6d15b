"""The Nu Html Checker (vnu.jar, from the npm package vnu-jar pinned in
package-lock.json; MIT licence) finds no errors on the desk page, the story
list and the story form."""

import json

import pytest
from django.urls import reverse

from articles.models import Status

from .factories import make_article, make_byline
from .html_check import save_and_check
from .roles import login

pytestmark = pytest.mark.django_db


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
    problems = save_and_check(client, urls, tmp_path)
    assert not problems, json.dumps(problems, indent=1)
