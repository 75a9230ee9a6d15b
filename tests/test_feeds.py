"""RSS and Atom feeds, read as a feed reader reads them (feedparser)."""

from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from django.utils import timezone

from articles.models import Kind, Precedence, Status

from .factories import make_article, make_byline, make_source

pytestmark = pytest.mark.django_db

FEEDS = ["/feeds/latest.rss", "/feeds/latest.atom"]


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, f"{url}: {feed.bozo_exception}"
    return feed


@pytest.mark.parametrize("url", FEEDS)
def test_entries_carry_label_link_guid_times_authors_summary_and_body(client, url):
    li, ma = make_byline(name="Li Wen"), make_byline(name="Ma Jun")
    article = make_article(
        headline="Port reopens",
        precedence=Precedence.URGENT,
        summary="Ships & ferries sail again.",
        body="<p>The port <strong>reopened</strong> at dawn.</p>",
        published_at=datetime(2026, 1, 2, 9, 30, tzinfo=UTC),
        updated_at=datetime(2026, 1, 2, 11, 0, tzinfo=UTC),
        bylines=[li, ma],
        tags=["shipping"],
    )
    entry = parse(client, url).entries[0]
    assert entry.title == "Urgent: Port reopens"
    assert entry.link == "http://testserver" + article.get_absolute_url()
    assert article.guid in entry.id
    assert entry.published_parsed[:5] == (2026, 1, 2, 9, 30)
    assert entry.updated_parsed[:5] == (2026, 1, 2, 11, 0)
    assert [a.name for a in entry.authors] == ["Li Wen", "Ma Jun"]
    assert "Ships &amp; ferries sail again." in entry.summary
    assert "<strong>reopened</strong>" in entry.content[0].value
    assert [t.term for t in entry.tags] == ["shipping"]


def test_rss_names_each_byline_in_dc_creator_and_falls_back_to_the_source(client):
    make_article(headline="Two bylines", bylines=[make_byline(name="Li Wen"), make_byline(name="Ma Jun")])
    make_article(headline="No byline")
    xml = client.get("/feeds/latest.rss").content.decode()
    assert "<dc:creator>Li Wen</dc:creator><dc:creator>Ma Jun</dc:creator>" in xml
    assert "<dc:creator>Xinhua</dc:creator>" in xml
    assert '<guid isPermaLink="false">' in xml


@pytest.mark.parametrize("url", FEEDS)
def test_guid_stays_the_same_across_an_update(client, url):
    article = make_article(headline="First take")
    before = parse(client, url).entries[0].id
    article.headline, article.version = "Second take", 2
    article.updated_at = timezone.now()
    article.save()
    entry = parse(client, url).entries[0]
    assert entry.title == "Second take"
    assert entry.id == before


def test_a_guid_that_is_not_a_uri_becomes_a_stable_urn_in_atom(client):
    make_article(guid="XIN-2026-0042 v1")
    assert parse(client, "/feeds/latest.atom").entries[0].id == "urn:newsdesk:wire:XIN-2026-0042%20v1"
    assert parse(client, "/feeds/latest.rss").entries[0].id == "XIN-2026-0042 v1"


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_hold_only_what_readers_may_see(client, url):
    now = timezone.now()
    make_article(headline="Visible story")
    make_article(headline="Draft copy", status=Status.DRAFT)
    make_article(headline="Scheduled copy", published_at=now + timedelta(hours=1))
    make_article(headline="Embargoed copy", embargo_until=now + timedelta(hours=1))
    make_article(headline="Killed copy", status=Status.WITHDRAWN)
    assert [e.title for e in parse(client, url).entries] == ["Visible story"]


@pytest.mark.parametrize("ext", ["rss", "atom"])
def test_tag_source_and_kind_feeds_narrow_the_stories(client, ext):
    agency = make_source(slug="harbour-wire", name="Harbour Wire")
    make_article(headline="Tagged", tags=["shipping"])
    make_article(headline="From the agency", source=agency)
    make_article(headline="A talk", kind=Kind.INTERVIEW)
    assert [e.title for e in parse(client, f"/feeds/tags/shipping.{ext}").entries] == ["Tagged"]
    assert [e.title for e in parse(client, f"/feeds/sources/harbour-wire.{ext}").entries] == ["From the agency"]
    assert [e.title for e in parse(client, f"/feeds/kinds/interview.{ext}").entries] == ["Interview: A talk"]
    assert client.get(f"/feeds/tags/no-such-tag.{ext}").status_code == 404
    assert client.get(f"/feeds/kinds/gossip.{ext}").status_code == 404


def test_pages_announce_the_feeds(client):
    html = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert 'href="/feeds/latest.atom"' in html


@pytest.mark.parametrize("stories", [1, 30])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # the stories with their source, their bylines, their tags
        ("/feeds/latest.rss", 3),
        ("/feeds/latest.atom", 3),
        # + the tag and its size (articles/archives.py)
        ("/feeds/tags/shipping.rss", 5),
        # + the source
        ("/feeds/sources/xinhua.atom", 4),
        # the kind is a fixed choice: no query for it
        ("/feeds/kinds/news.rss", 3),
    ],
)
def test_query_count_is_constant(client, django_assert_num_queries, stories, url, queries):
    for _ in range(stories):
        make_article(bylines=[make_byline()], tags=["shipping", "ports"])
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
