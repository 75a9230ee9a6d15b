"""The home page: lead story, the latest river with relative times, more stories."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Kind, Precedence
from articles.templatetags.readers import ago

from .factories import make_article, make_byline, make_ticker

pytestmark = pytest.mark.django_db


def main(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def section(html, start, end="</section>"):
    """The part of `html` from the marker `start` to the next `end`."""
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


def test_newest_story_leads_then_three_secondary_then_the_river_newest_first(client):
    now = timezone.now()
    hours = [5, 0.1, 2, 3, 1, 4, 6]
    stories = {h: make_article(headline=f"Story {h} hours old", published_at=now - timedelta(hours=h)) for h in hours}
    stories[0.1].summary = "The lead."
    stories[0.1].save()
    html = main(client)
    lead = re.search(r'<article class="lead".*?</article>', html, re.S).group(0)
    assert stories[0.1].headline in lead and "The lead." in lead
    secondary = section(html, 'class="secondary"')
    assert [stories[h].headline for h in (1, 2, 3)] == re.findall(r"Story [\d.]+ hours old", secondary)
    river = section(html, 'id="latest-title"')
    assert [stories[h].headline for h in (4, 5, 6)] == re.findall(r"Story [\d.]+ hours old", river)


def test_lead_is_the_newest_of_the_first_three_with_a_photo(client, settings, tmp_path):
    from .photo_factories import make_image

    settings.MEDIA_ROOT = tmp_path
    now = timezone.now()
    newest = make_article(headline="Newest, no photo", published_at=now - timedelta(minutes=5))
    pictured = make_article(
        headline="Second, with a photo", published_at=now - timedelta(minutes=10), lead_image=make_image()
    )
    make_article(headline="Third", published_at=now - timedelta(minutes=20))
    html = main(client)
    lead = re.search(r'<article class="lead".*?</article>', html, re.S).group(0)
    assert pictured.headline in lead and "<picture>" in lead and 'class="photo photo--lead"' in lead
    assert newest.headline in section(html, 'class="secondary"')


def test_a_flash_under_an_hour_old_is_a_banner_above_the_lead_and_not_repeated(client):
    now = timezone.now()
    make_article(headline="Routine lead", published_at=now - timedelta(minutes=1))
    flash = make_article(
        headline="Quake strikes the coast", precedence=Precedence.FLASH, published_at=now - timedelta(minutes=30)
    )
    html = main(client)
    slot = section(html, '<div class="flash-slot" data-live-flash', "</div>")
    assert "Flash:</span>" in slot and f'href="{flash.get_absolute_url()}">Quake strikes the coast</a>' in slot
    assert html.index("flash-slot") < html.index('class="lead"')
    assert html.count("Quake strikes the coast") == 1  # the banner only, not an item below it
    assert "Routine lead" in re.search(r'<article class="lead".*?</article>', html, re.S).group(0)


@pytest.mark.parametrize(
    ("precedence", "minutes", "banner"),
    [
        (Precedence.URGENT, 59, True),
        (Precedence.FLASH, 61, False),  # past its hour: an ordinary story again
        (Precedence.ROUTINE, 5, False),
    ],
)
def test_banner_only_for_a_flash_or_urgent_in_its_first_hour(client, precedence, minutes, banner):
    story = make_article(
        headline="Ferry link cut", precedence=precedence, published_at=timezone.now() - timedelta(minutes=minutes)
    )
    html = main(client)
    slot = section(html, '<div class="flash-slot" data-live-flash', "</div>")
    assert (story.headline in slot) is banner
    assert story.headline in html  # shown either way: as the banner, or as the lead


def test_a_flash_further_down_a_busy_hour_still_makes_the_banner(client, settings, django_assert_num_queries):
    settings.ARTICLES_PER_PAGE = 3  # the first page holds four stories, all younger than the Flash
    now = timezone.now()
    flash = make_article(headline="Dam bursts", precedence=Precedence.FLASH, published_at=now - timedelta(minutes=50))
    for minute in range(1, 7):
        make_article(published_at=now - timedelta(minutes=minute))
    client.get("/ticker.json")  # the ticker cached
    # the page of stories, the lead's bylines, the Flash (not on the page), the rail
    with django_assert_num_queries(4):
        html = main(client)
    assert flash.headline in section(html, '<div class="flash-slot" data-live-flash', "</div>")


def test_rail_shows_the_newest_stories_of_each_kind_linked_to_their_archives(client):
    now = timezone.now()
    for i in range(5):
        make_article(headline=f"Interview {i}", kind=Kind.INTERVIEW, published_at=now - timedelta(hours=2 + i))
    make_article(headline="Analysis 0", kind=Kind.ANALYSIS, published_at=now - timedelta(hours=3))
    make_article(headline="Plain news", published_at=now - timedelta(hours=1))
    rail = section(main(client), '<aside class="front__rail', "</aside>")
    interviews = section(rail, 'id="rail-interview"')
    assert '<a href="/kinds/interview/">Interviews</a>' in interviews
    # the newest three; Interview 0 and 1 are already on the front as secondary stories
    assert re.findall(r"Interview \d", interviews) == ["Interview 2", "Interview 3", "Interview 4"]
    assert "Analysis 0" not in rail  # secondary on the front already
    assert 'id="rail-feature"' not in rail  # no feature: no section
    assert "Plain news" not in rail


def test_rail_is_one_query_however_many_kinds_and_stories(client, django_assert_num_queries):
    now = timezone.now()
    for kind in Kind.values:
        for i in range(4):
            make_article(kind=kind, published_at=now - timedelta(hours=i + 1))
    client.get("/ticker.json")  # the ticker cached
    with django_assert_num_queries(3):  # the page of stories, the lead's bylines, the rail
        html = main(client)
    assert html.count('class="rail__section"') == 5  # one a kind ("Browse by kind" has another class too)


def test_river_shows_labels_and_relative_times_with_absolute_datetime(client):
    published = timezone.now() - timedelta(hours=3, minutes=5)
    for minutes in (1, 2, 3, 4):  # the lead and the three secondary stories
        make_article(published_at=timezone.now() - timedelta(minutes=minutes))
    make_article(headline="Port strike ends", precedence=Precedence.URGENT, published_at=published)
    html = main(client)
    assert '<span class="label label--urgent">Urgent:</span> Port strike ends' in html
    stamp = timezone.localtime(published).replace(microsecond=0).isoformat()  # to the second, never microseconds
    assert f'<time datetime="{stamp}"' in html
    assert re.search(rf'<time datetime="{re.escape(stamp)}"[^>]*>3 hours ago</time>', html)


def test_lead_shows_its_bylines(client):
    make_article(headline="Lead", bylines=[make_byline(name="Li Wen")])
    assert "By Li Wen" in main(client)


def test_more_stories_are_paginated(client, settings):
    settings.ARTICLES_PER_PAGE = 2  # a page holds the lead and two more
    now = timezone.now()
    stories = [make_article(headline=f"Story at hour {h}", published_at=now - timedelta(hours=h)) for h in range(1, 8)]
    first = main(client)
    assert 'href="?page=2" rel="next">More stories</a>' in first
    second = main(client, "/?page=2")
    assert "More stories" in second and "(page 2)" in second
    assert 'class="lead"' not in second
    for story in stories[3:6]:
        assert story.headline in second
    assert stories[0].headline not in second
    assert 'href="?page=3" rel="next"' in second
    third = main(client, "/?page=3")
    assert stories[6].headline in third and 'rel="next"' not in third
    assert client.get("/?page=4").status_code == 404
    assert client.get("/?page=oops").status_code == 200  # anything odd is page 1
    assert client.get("/?page=99999999999999999999999").status_code == 404  # capped, never a database error


def test_home_links_to_every_kind(client):
    html = main(client)
    for kind in ("interview", "feature", "roundup", "analysis", "commentary"):
        assert f'href="/kinds/{kind}/"' in html


def test_relative_time_words():
    now = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)
    assert ago(now - timedelta(seconds=20), now) == "just now"
    assert ago(now - timedelta(minutes=1), now) == "1 minute ago"
    assert ago(now - timedelta(minutes=59), now) == "59 minutes ago"
    assert ago(now - timedelta(hours=5), now) == "5 hours ago"
    assert ago(now - timedelta(days=2), now) == "January 8, 2026"


@pytest.mark.parametrize("n", [1, 30])
def test_home_query_count_is_constant(client, django_assert_num_queries, n):
    make_ticker()
    for i in range(n):
        make_article(bylines=[make_byline()], tags=[f"topic-{i}"])
    # 1 the page of stories and one more (source and lead photo joined), 2 the lead's bylines,
    # 3 the rail by kind, 4-6 the ticker (not cached yet): its row, its entries, the newest stories.
    with django_assert_num_queries(6):
        html = main(client)
    assert html.count("story-list__item") + html.count('class="card"') == min(n, 21) - 1
