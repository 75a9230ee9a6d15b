"""Rivers of stories (archives, search, home): archives and search read their
stories as plain values and each worker keeps list items it has made; readers
must see exactly what the models would show, and every edit at once."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from articles import river
from articles.models import Article, Kind, Precedence

from .factories import make_article, make_source
from .photo_factories import make_image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def newest():
    return Article.objects.published().newest_first()


def listed(stories, now=None, **options):
    return str(river.story_list_html(list(stories), now=now or timezone.now(), **options))


def test_plain_rows_show_what_the_models_show():
    now = timezone.now()
    make_article(
        headline="Quake shakes <coast>", precedence=Precedence.URGENT, lead_image=make_image(), published_at=now
    )
    make_article(
        headline="A life at sea",
        kind=Kind.FEATURE,
        summary="Forty years & a boat.",
        published_at=now - timedelta(hours=1),
    )
    make_article(headline="Rates held", summary="", published_at=now - timedelta(days=3))
    rows = list(river.rows(newest()))
    assert [row.headline for row in rows] == ["Quake shakes <coast>", "A life at sea", "Rates held"]
    html = listed(rows, now)
    assert html == listed(newest().for_river(), now)
    assert html.count('class="story-list__item"') == 3
    assert '<span class="label label--urgent">Urgent:</span> Quake shakes &lt;coast&gt;' in html
    assert html.count("<picture") == 1
    assert "Forty years &amp; a boat." in html


def test_archive_shows_an_edit_at_once_though_the_item_was_kept(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    source = make_source(credit="Wire A")
    story = make_article(headline="Bridge reopens", source=source, tags=["transport"])
    assert "Bridge reopens" in client.get("/tags/transport/").content.decode()
    story.headline, story.kind, story.summary = "Bridge reopens after repairs", Kind.ANALYSIS, "Two lanes only."
    story.save()
    source.credit = "Wire B"
    source.save()
    html = client.get("/tags/transport/").content.decode()
    assert "Analysis:</span> Bridge reopens after repairs" in html
    assert "Two lanes only." in html and "Wire B ·" in html
    assert "Wire A" not in html


def test_a_kept_item_still_tells_its_age_now():
    story = make_article(published_at=timezone.now() - timedelta(minutes=2))
    rows = river.rows(newest())
    assert ">2 minutes ago</time>" in listed(rows)
    later = timezone.now() + timedelta(hours=2)
    assert ">2 hours ago</time>" in listed(rows, later)
    assert f">{story.published_at:%B} " in listed(rows, later + timedelta(days=2))  # then the date


def test_kept_items_follow_the_time_zone():
    make_article(headline="Late story", slug="late-story", published_at=datetime(2016, 3, 24, 20, 30, tzinfo=UTC))
    rows = list(river.rows(newest()))
    in_utc = listed(rows)
    with timezone.override("Asia/Shanghai"):
        in_beijing = listed(rows)
    assert 'href="/2016/03/24/late-story/"' in in_utc and 'datetime="2016-03-24T20:30:00+00:00"' in in_utc
    assert 'href="/2016/03/25/late-story/"' in in_beijing and 'datetime="2016-03-25T04:30:00+08:00"' in in_beijing


def test_search_rows_carry_their_snippets(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    make_article(headline="Ferry services resume", summary="The ferry sails at noon.")
    html = client.get("/search/", {"q": "ferry"}).content.decode()
    assert "Ferry services resume" in html
    assert "data-snippet>" in html and "<mark>" in html
