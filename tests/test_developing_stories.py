"""A developing story: each update (the desk's `update` move, or a newer wire
version) is a version readers see in a "Developing story" timeline, newest
first, with its time and what changed; the home page's banner shows the Flash
or Urgent under an hour old."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.live import current_flash
from articles.models import Article, Correction, Kind, Precedence, Status
from tests.factories import make_article, make_byline, make_ticker, pin
from tests.html import story_page as page
from tests.roles import login, make_user

pytestmark = pytest.mark.django_db


def timeline(html):
    """The timeline's entries as (datetime attribute, text), in page order."""
    section = re.search(r"<section[^>]*data-developing-timeline.*?</section>", html, re.S)
    if section is None:
        return None
    entries = re.findall(r'<li[^>]*><time datetime="([^"]+)">[^<]*</time> — ([^<]*)</li>', section.group(0))
    return [(when, text.strip()) for when, text in entries]


def update(article, note, when):
    article.refresh_from_db()
    return workflow.update(article, user=make_user("Editor", f"ed-{when:%H%M%S}"), what_changed=note, now=when)


def test_each_update_is_a_version_in_the_developing_story_timeline_newest_first(client):
    moved = timezone.now() - timedelta(hours=2)
    article = make_article(headline="Quake hits the coast", precedence=Precedence.URGENT, published_at=moved)
    first = (moved + timedelta(minutes=30)).replace(microsecond=456789)
    update(article, "Adds death toll", first)
    update(article, "Adds rescue efforts", first + timedelta(minutes=20))

    html = page(client, article)

    assert "Developing story" in html
    assert timeline(html) == [
        ((first + timedelta(minutes=20)).replace(microsecond=0).isoformat(), "Adds rescue efforts"),
        (first.replace(microsecond=0).isoformat(), "Adds death toll"),  # to the second, no microseconds
        (moved.replace(microsecond=0).isoformat(), "First published"),
    ]
    rows = Correction.objects.filter(article=article, kind=Correction.Kind.UPDATE).order_by("version")
    assert [(row.version, row.text) for row in rows] == [(2, "Adds death toll"), (3, "Adds rescue efforts")]


def test_a_story_without_updates_shows_no_timeline(client):
    article = make_article()
    workflow.correct(article, user=None, text="Wrong spelling of the minister's name.")
    html = page(client, article)
    assert timeline(html) is None and "Developing story" not in html
    assert "data-corrections" in html  # a correction is not a version


def test_updates_are_not_listed_as_corrections(client):
    article = make_article()
    workflow.correct(article, user=None, text="Wrong spelling of the minister's name.")
    update(article, "Adds death toll", timezone.now())
    html = page(client, article)
    corrections = re.search(r"<section[^>]*data-corrections.*?</section>", html, re.S).group(0)
    assert "Wrong spelling" in corrections and "Adds death toll" not in corrections
    assert [c["text"] for c in Article.objects.get(pk=article.pk).jsonld_corrections()] == [
        "Correction: Wrong spelling of the minister's name."
    ]


def test_the_desk_cannot_add_an_update_as_a_correction(client):
    login(client, "Editor")
    article = make_article()
    url = reverse("admin:articles_article_correct", args=[article.pk])
    form = client.get(url)
    assert form.status_code == 200 and 'value="clarification"' in form.content.decode()
    assert 'value="update"' not in form.content.decode()
    assert client.post(url, {"kind": "update", "text": "Sneaked in."}).status_code == 200  # the form again
    assert not Correction.objects.filter(article=article).exists()


def test_a_wire_version_is_a_version_with_what_changed_in_readers_words(client):
    article = make_article(headline="Quake hits the coast", precedence=Precedence.URGENT)
    moved = timezone.now().replace(microsecond=0)
    workflow.wire_update(article, {"headline": "Quake death toll rises to 12"}, version=2, version_created=moved)
    workflow.wire_update(article, {"body": "<p>Rescuers reached the town.</p>"}, version=3)
    workflow.wire_update(
        article, {"kind": Kind.ROUNDUP, "precedence": Precedence.ROUTINE, "headline": "Quake: the day"}, version=4
    )

    entries = timeline(page(client, article))

    assert [text for _, text in entries] == [
        "Roundup: Quake: the day",
        "Text updated",
        "New headline: Quake death toll rises to 12",
        "First published",
    ]
    assert entries[2][0] == moved.replace(microsecond=0).isoformat()  # the agency's time for the version
    article.refresh_from_db()
    assert (article.version, article.update_note) == (4, "Roundup: Quake: the day")


def test_a_wire_version_held_for_the_desk_is_a_version_only_once_taken(client):
    article = make_article(headline="Quake hits the coast")
    Article.objects.filter(pk=article.pk).update(desk_edited_at=timezone.now())
    article.refresh_from_db()
    assert workflow.wire_update(article, {"headline": "Quake death toll rises to 12"}, version=2) == "held"
    assert timeline(page(client, article)) is None

    workflow.take_wire_update(article, user=make_user("Editor"))

    assert [text for _, text in timeline(page(client, article))] == [
        "New headline: Quake death toll rises to 12",
        "First published",
    ]


def test_versions_of_a_story_not_yet_public_are_not_recorded():
    draft = make_article(status=Status.DRAFT, published_at=None)
    workflow.wire_update(draft, {"headline": "Still a draft"}, version=2, status=Status.DRAFT)
    assert not Correction.objects.filter(article=draft).exists()


@pytest.mark.parametrize("updates", [1, 12])
def test_the_timeline_adds_no_query_to_the_article_page(client, django_assert_num_queries, updates):
    make_ticker()
    article = make_article(bylines=[make_byline()], tags=["quakes"])
    pin(article)
    for i in range(updates):
        update(article, f"Update {i}", timezone.now() + timedelta(seconds=i))
    client.get("/ticker.json")  # the ticker cached, as on every request but the first after a change
    # the story (source and lead photo joined, and whether it has corrections or photos
    # in its body: it has no photos), its bylines, its tags, its corrections and updates
    # (one query: the timeline's too), related stories
    with django_assert_num_queries(5):
        html = page(client, article)
    assert len(timeline(html)) == updates + 1


def test_the_article_page_asks_for_news_of_its_story_with_one_deferred_script(client, settings):
    settings.TICKER_REFRESH_SECONDS = 17
    article = make_article()
    html = page(client, article)
    assert f'data-live-src="/live/story/{article.pk}.json"' in html
    assert 'data-live-refresh="17"' in html and 'data-live-version="1"' in html
    assert html.count("js/live.js") == 1
    assert re.search(r'<script src="[^"]*js/live\.js" defer></script>', html)
    assert re.search(r'role="status" aria-live="polite" data-live-message', html)


def test_a_preview_does_not_poll(staff_client):
    draft = make_article(status=Status.DRAFT, published_at=None)
    html = staff_client.get(draft.get_absolute_url()).content.decode()
    assert "data-developing" in html and "data-live-src" not in html and "js/live.js" not in html


# The home page's Flash banner ----------------------------------------------------


def test_current_flash_is_the_newest_flash_or_urgent_under_an_hour_old(django_assert_num_queries):
    now = timezone.now()
    make_article(precedence=Precedence.FLASH, published_at=now - timedelta(minutes=40))
    newest = make_article(precedence=Precedence.URGENT, published_at=now - timedelta(minutes=5))
    make_article(precedence=Precedence.ROUTINE, published_at=now - timedelta(minutes=1))
    make_article(precedence=Precedence.FLASH, published_at=now - timedelta(minutes=2), status=Status.DRAFT)
    make_article(
        precedence=Precedence.FLASH, published_at=now - timedelta(minutes=2), embargo_until=now + timedelta(hours=1)
    )
    with django_assert_num_queries(1):
        assert current_flash(now) == newest
    assert current_flash(now + timedelta(minutes=56)) is None  # an hour after the newest one moved


def test_the_home_page_shows_the_current_flash_in_its_banner_slot(client):
    flash = make_article(headline="Quake hits the coast", precedence=Precedence.FLASH,
                         published_at=timezone.now() - timedelta(minutes=3))  # fmt: skip
    html = client.get("/").content.decode()
    slot = re.search(r'<div class="flash-slot" data-live-flash[^>]*>(.*?)</div>', html, re.S)
    assert slot is not None
    assert 'aria-label="Flash"' in slot.group(1)
    assert (
        f'<span class="flash-banner__label">Flash:</span> <a href="{flash.get_absolute_url()}">Quake hits the coast</a>'
        in slot.group(1)
    )
    assert 'data-live-src="/live/home.json"' in html and html.count("js/live.js") == 1


def test_the_home_page_banner_slot_is_empty_without_a_current_flash(client):
    make_article(precedence=Precedence.FLASH, published_at=timezone.now() - timedelta(hours=2))
    html = client.get("/").content.decode()
    assert re.search(r'<div class="flash-slot" data-live-flash[^>]*></div>', html)
