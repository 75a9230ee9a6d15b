"""The home page: lead story, the latest river with relative times, more stories."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Precedence
from articles.templatetags.readers import ago

from .factories import make_article, make_byline, make_ticker

pytestmark = pytest.mark.django_db


def main(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def test_newest_story_leads_and_the_rest_follow_newest_first(client):
    now = timezone.now()
    old = make_article(headline="Older story", published_at=now - timedelta(hours=5))
    lead = make_article(headline="Newest story", published_at=now - timedelta(minutes=5), summary="The lead.")
    mid = make_article(headline="Middle story", published_at=now - timedelta(hours=2))
    html = main(client)
    lead_block = re.search(r'<article class="lead".*?</article>', html, re.S).group(0)
    assert lead.headline in lead_block and "The lead." in lead_block
    river = html[html.index('id="latest-title"') :]
    assert river.index(mid.headline) < river.index(old.headline)
    assert lead.headline not in river


def test_river_shows_labels_and_relative_times_with_absolute_datetime(client):
    published = timezone.now() - timedelta(hours=3, minutes=5)
    make_article(headline="Lead")
    make_article(headline="Port strike ends", precedence=Precedence.URGENT, published_at=published)
    html = main(client)
    assert '<span class="label label--urgent">Urgent:</span> Port strike ends' in html
    stamp = timezone.localtime(published).isoformat()
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
    # 3 the Flash banner's story, 4-6 the ticker (not cached yet): its row, its entries, the newest stories.
    with django_assert_num_queries(6):
        html = main(client)
    assert html.count("story-list__item") == min(n, 21) - 1
