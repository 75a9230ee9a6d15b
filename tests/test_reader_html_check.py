"""The Nu Html Checker finds no errors on the reader pages after the desk's busiest
moves: a Flash, an update and a correction (all through articles/workflow.py).
Each of them stamps a time with microseconds; every <time datetime> must still
be to the second (the checker allows at most three fractional digits)."""

import json
import re

import pytest

from articles import workflow
from articles.models import Kind

from .factories import make_article, make_byline, make_ticker, pin, xinhua
from .html_check import save_and_check
from .roles import make_user

pytestmark = pytest.mark.django_db


def test_reader_pages_have_no_html_errors_after_a_flash_an_update_and_a_correction(client, settings, tmp_path):
    settings.ARTICLES_PER_PAGE = 4  # so there is a "More stories" page
    chief = make_user("Desk chief")
    make_ticker()
    story = make_article(
        headline="Port chief on the new timetable",
        kind=Kind.INTERVIEW,
        tags=["shipping"],
        bylines=[make_byline(name="Li Wen")],
        dateline="MOSCOW",
    )
    for n in range(6):
        make_article(headline=f"Harbour story {n}", tags=["shipping"], kind=Kind.values[n % len(Kind.values)])
    pin(headline="Outside headline", url="https://example.org/story")
    workflow.update(story, user=chief, what_changed="Adds the minister's answer.")
    workflow.correct(story, user=chief, text="An earlier version misspelt the port's name.")
    flash = workflow.flash(user=chief, headline="Dam bursts upstream of the capital", source=xinhua())
    urls = {
        "home": "/",
        "more stories": "/?page=2",
        "article": story.get_absolute_url(),
        "flash": flash.get_absolute_url(),
        "archive": "/tags/shipping/",
        "search": "/search/?q=harbour",
        "widget": "/ticker/embed/",
    }
    home = client.get("/").content.decode()
    assert "Dam bursts upstream of the capital" in home.split("data-live-flash")[1]  # the banner is there
    stamps = re.findall(r'<time datetime="([^"]+)"', home + client.get(story.get_absolute_url()).content.decode())
    assert stamps and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", s) for s in stamps), stamps
    problems = save_and_check(client, urls, tmp_path)
    assert not problems, json.dumps(problems, indent=1)
