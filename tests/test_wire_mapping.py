"""Our own wire fixtures in every format: versions, kills, embargoes, labels, datelines, end markers."""

import json

import pytest

from articles.models import Article, Byline, Kind, Precedence, Status
from tests.factories import make_source, xinhua
from wire.models import IngestLog

from .wire_helpers import ingest, news_item, news_message, ninjs2, write

pytestmark = pytest.mark.django_db

XINHUA_BODY = (
    "<p>MOSCOW, March 24 (Xinhua) -- Russian Foreign Minister Sergei Lavrov and U.S. Secretary of State "
    "John Kerry praised their cooperation on Thursday.</p><p>The two met in the Kremlin. Enditem</p>"
)


def test_xinhua_copy_loses_label_dateline_and_end_marker_and_page_renders_them_back(tmp_path, client):
    xinhua()
    path = write(tmp_path, "a.json", ninjs2(headline="Interview: Lavrov, Kerry hail cooperation", body=XINHUA_BODY,
                                            by="Wang Li and Chen Ming", infosources=[{"name": "Xinhua"}]))  # fmt: skip
    assert ingest(path)[0] == 0
    story = Article.objects.get(guid="urn:test:1")
    assert story.headline == "Lavrov, Kerry hail cooperation"
    assert story.kind == Kind.INTERVIEW
    assert story.dateline == "MOSCOW"
    assert story.body.startswith("<p>Russian Foreign Minister")
    assert story.body.endswith("The two met in the Kremlin.</p>")
    assert story.source.slug == "xinhua"
    page = client.get(story.get_absolute_url()).content.decode()
    assert "MOSCOW, March 24 (Xinhua) --" in page
    assert "data-end-marker>Enditem<" in page
    assert page.count("Enditem") == 1


@pytest.mark.parametrize(
    ("headline", "urgency", "kind", "precedence"),
    [
        ("Urgent: Quake hits coast", None, Kind.NEWS, Precedence.URGENT),
        ("Flash: Quake hits coast", None, Kind.NEWS, Precedence.FLASH),
        ("Quake hits coast", 1, Kind.NEWS, Precedence.FLASH),
        ("Quake hits coast", 2, Kind.NEWS, Precedence.URGENT),
        ("Quake hits coast", 3, Kind.NEWS, Precedence.ROUTINE),
        ("Roundup: Quake hits coast", 5, Kind.ROUNDUP, Precedence.ROUTINE),
        ("Analysis: Quake hits coast", None, Kind.ANALYSIS, Precedence.ROUTINE),
        ("COMMENTARY: Quake hits coast", None, Kind.COMMENTARY, Precedence.ROUTINE),
        ("Feature: Quake hits coast", 2, Kind.FEATURE, Precedence.URGENT),
    ],
)
def test_label_prefixes_and_urgency_become_kind_and_precedence(tmp_path, headline, urgency, kind, precedence):
    extra = {"urgency": urgency} if urgency else {}
    ingest(write(tmp_path, "a.json", ninjs2(headline=headline, **extra)))
    story = Article.objects.get()
    assert (story.headline, story.kind, story.precedence) == ("Quake hits coast", kind, precedence)


@pytest.mark.parametrize(
    ("genre", "kind"),
    [("Interview", Kind.INTERVIEW), ("Feature", Kind.FEATURE), ("WrapUp", Kind.ROUNDUP), ("Summary", Kind.ROUNDUP),
     ("Analysis", Kind.ANALYSIS), ("Opinion", Kind.COMMENTARY), ("Current", Kind.NEWS)],
)  # fmt: skip
def test_iptc_genres_map_to_kinds(tmp_path, genre, kind):
    ingest(
        write(
            tmp_path, "a.json", ninjs2(genres=[{"name": genre, "uri": f"http://cv.iptc.org/newscodes/genre/{genre}"}])
        )
    )
    assert Article.objects.get().kind == kind


def test_newer_version_updates_the_same_story_and_older_is_unchanged(tmp_path):
    ingest(write(tmp_path, "v2.json", ninjs2(version="2", headline="Talks begin")))
    status, lines = ingest(write(tmp_path, "v3.json", ninjs2(version="3", headline="Urgent: Talks end in deal")))
    assert status == 0
    assert lines[0] == "updated urn:test:1 Talks end in deal"
    story = Article.objects.get()
    assert (story.version, story.headline, story.precedence) == (3, "Talks end in deal", Precedence.URGENT)
    assert story.updated_at is not None
    for version in ("3", "1"):
        _, lines = ingest(write(tmp_path, f"old{version}.json", ninjs2(version=version, headline="Stale")))
        assert lines[0] == "unchanged urn:test:1 Talks end in deal"  # the stored headline, not the stale one
    assert Article.objects.get().headline == "Talks end in deal"
    assert list(IngestLog.objects.filter(article=story).values_list("action", flat=True).order_by("id")) == [
        "created", "updated", "unchanged", "unchanged"
    ]  # fmt: skip


def test_without_versions_a_later_versioncreated_updates(tmp_path):
    ingest(write(tmp_path, "a.json", ninjs2(headline="First take")))
    later = ninjs2(headline="Second take", versioncreated="2026-03-24T11:00:00Z")
    assert ingest(write(tmp_path, "b.json", later))[1][0] == "updated urn:test:1 Second take"
    assert Article.objects.get().version == 2
    assert ingest(write(tmp_path, "c.json", ninjs2(headline="Same time again")))[1][0].startswith("unchanged")


def test_canceled_withdraws_a_story_and_its_page_answers_410(tmp_path, client):
    ingest(write(tmp_path, "a.json", ninjs2(version="1")))
    url = Article.objects.get().get_absolute_url()
    kill = ninjs2(version="2", pubstatus="canceled", ednote="Withdrawn: wrong minister named.")
    assert ingest(write(tmp_path, "b.json", kill))[1][0].startswith("updated urn:test:1")
    story = Article.objects.get()
    assert story.status == Status.WITHDRAWN
    assert story.withdrawn_reason == "Withdrawn: wrong minister named."
    assert client.get(url).status_code == 410


def test_withheld_holds_the_story_back_and_embargo_hides_it(tmp_path, client):
    ingest(write(tmp_path, "a.json", ninjs2(uri="urn:test:held", pubstatus="withheld")))
    ingest(write(tmp_path, "b.json", ninjs2(uri="urn:test:emb", embargoed="2099-01-01T00:00:00Z")))
    held, embargoed = Article.objects.get(guid="urn:test:held"), Article.objects.get(guid="urn:test:emb")
    assert held.status == Status.DRAFT
    assert embargoed.embargo_until.year == 2099
    assert not Article.objects.published().exists()
    assert client.get(embargoed.get_absolute_url()).status_code == 404


def test_bylines_are_reused_by_name_in_their_order(tmp_path):
    ingest(write(tmp_path, "a.json", ninjs2(uri="urn:test:a", by="By Wang Li, Chen Ming")))
    ingest(write(tmp_path, "b.json", ninjs2(uri="urn:test:b", by="Chen Ming and wang li")))
    assert Byline.objects.count() == 2
    assert [b.name for b in Article.objects.get(guid="urn:test:b").ordered_bylines()] == ["Chen Ming", "Wang Li"]


def test_subjects_and_keywords_become_tags(tmp_path):
    doc = json.loads(ninjs2(subjects=[{"name": "Diplomacy"}]))
    doc["keywords"] = ["Russia", "diplomacy"]
    ingest(write(tmp_path, "a.json", json.dumps(doc)))
    assert sorted(t.name for t in Article.objects.get().tags.all()) == ["Diplomacy", "Russia"]


def test_source_option_overrides_the_provider(tmp_path):
    source = make_source(slug="desk-feed")
    ingest(write(tmp_path, "a.json", ninjs2(infosources=[{"name": "Someone Else"}])), "--source", "desk-feed")
    assert Article.objects.get().source == source


def test_ninjs_1x_fields_are_read(tmp_path):
    doc = {"guid": "urn:test:v1", "headline": "Old style item", "body_html": "<p>One.</p>", "byline": "Ann Lee",
           "version": 4, "urgency": 2, "pubstatus": "usable"}  # fmt: skip
    ingest(write(tmp_path, "a.json", json.dumps(doc)))
    story = Article.objects.get()
    assert (story.guid, story.headline, story.body, story.version) == (
        "urn:test:v1",
        "Old style item",
        "<p>One.</p>",
        4,
    )
    assert story.precedence == Precedence.URGENT


def test_ninjs_array_holds_several_items(tmp_path):
    items = [json.loads(ninjs2(uri=f"urn:test:{n}")) for n in range(3)]
    status, lines = ingest(write(tmp_path, "a.json", json.dumps(items)))
    assert status == 0
    assert len(lines) == 4
    assert lines[-1] == "total 3: 3 created, 0 updated, 0 unchanged, 0 rejected"


def test_news_message_ingests_every_item_with_urgency_and_kill(tmp_path):
    message = news_message(
        news_item(guid="urn:g2:a", urgency=1),
        news_item(guid="urn:g2:b", headline="Feature: Old port, new life"),
        news_item(guid="urn:g2:c", pubstatus="canceled"),
    )
    status, lines = ingest(write(tmp_path, "m.xml", message))
    assert status == 0, lines
    a, b = (Article.objects.get(guid=f"urn:g2:{x}") for x in "ab")
    assert a.precedence == Precedence.FLASH
    assert b.kind == Kind.FEATURE and b.headline == "Old port, new life"
    # A kill for a story we never received is logged, and publishes nothing (no withdrawn stub page).
    assert lines[2] == "unchanged urn:g2:c kill for a story never received: nothing to withdraw"
    assert not Article.objects.filter(guid="urn:g2:c").exists()
    assert a.source.name == "Harbour Wire" and a.body == "<p>Ships moved again.</p>"


def test_newsml_version_update(tmp_path):
    ingest(write(tmp_path, "a.xml", news_item(version=1)))
    _, lines = ingest(write(tmp_path, "b.xml", news_item(version=2, headline="Harbour reopens fully")))
    assert lines[0] == "updated urn:test:g2:1 Harbour reopens fully"


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Port Gazette</title><link>https://gazette.example/</link>
<item><title>Urgent: Bridge closed</title><link>https://gazette.example/1</link><guid>https://gazette.example/1</guid>
<description>&lt;p&gt;Traffic diverted.&lt;/p&gt;</description><pubDate>Tue, 24 Mar 2026 09:00:00 GMT</pubDate>
<category>Traffic</category><author>desk@gazette.example (Ann Lee)</author></item></channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Hill News</title>
<id>urn:hill</id><updated>2026-03-24T09:00:00Z</updated>
<entry><id>urn:hill:1</id><title>Analysis: Council budget</title>
<updated>2026-03-24T09:00:00Z</updated><author><name>Ben Ode</name></author>
<content type="html">&lt;p&gt;Numbers are tight.&lt;/p&gt;</content><category term="Budget"/></entry></feed>"""


def test_rss_and_atom_items_become_stories(tmp_path):
    status, lines = ingest(write(tmp_path, "feed.rss", RSS), write(tmp_path, "feed.atom", ATOM))
    assert status == 0, lines
    bridge = Article.objects.get(guid="https://gazette.example/1")
    assert (bridge.headline, bridge.precedence, bridge.source.name) == (
        "Bridge closed",
        Precedence.URGENT,
        "Port Gazette",
    )
    assert bridge.body == "<p>Traffic diverted.</p>"
    assert [t.name for t in bridge.tags.all()] == ["Traffic"]
    assert [b.name for b in bridge.ordered_bylines()] == ["Ann Lee"]  # RSS "email (Name)"
    budget = Article.objects.get(guid="urn:hill:1")
    assert (budget.kind, budget.body) == (Kind.ANALYSIS, "<p>Numbers are tight.</p>")
    assert [b.name for b in budget.ordered_bylines()] == ["Ben Ode"]
    assert budget.provenance.format == "atom"


def test_format_is_recognised_from_content_not_name(tmp_path):
    status, _ = ingest(write(tmp_path, "looks-like.json", news_item()), write(tmp_path, "story.xml", ninjs2()))
    assert status == 0
    assert Article.objects.count() == 2


def test_each_ingest_that_changes_a_story_records_a_revision_in_its_history(tmp_path):
    from reversion.models import Version

    ingest(write(tmp_path, "v1.json", ninjs2(version="1", headline="Talks begin")))
    ingest(write(tmp_path, "v2.json", ninjs2(version="2", headline="Talks end in deal")))
    ingest(write(tmp_path, "v2-again.json", ninjs2(version="2", headline="Talks end in deal")))  # unchanged
    story = Article.objects.get()
    versions = Version.objects.get_for_object(story)
    assert [v.field_dict["headline"] for v in versions] == ["Talks end in deal", "Talks begin"]
    assert versions[0].revision.comment.startswith("Wire ingest (ninjs")
