"""Ingest saves items in batches (one transaction, a savepoint per item, shared
rows written once): a bad item is still rejected alone, every story keeps its
bylines, tags, history and provenance, and the work per item does not grow
with the batch. Speed itself is measured by bench/wire_ingest.py."""

import json

import pytest
import reversion
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version
from taggit.models import Tag

from articles.models import Article, Byline
from subscribers.models import Delivery
from tests.factories import make_article
from tests.roles import form_data, login
from wire.formats import parse
from wire.models import IngestLog
from wire.services import ingest as ingest_entries

from .push_helpers import make_subscriber
from .wire_helpers import ingest, write

pytestmark = pytest.mark.django_db


def story(n, by="Ann Lee and Ben Ode", subjects=("Shipping", "Weather"), **extra):
    return {
        "uri": f"urn:test:batch:{n}",
        "type": "text",
        "version": "1",
        "versioncreated": "2026-03-24T09:00:00Z",
        "by": by,
        "headlines": [{"role": "main", "value": f"Harbour reopens, take {n}"}],
        "bodies": [{"role": "main", "contenttype": "application/xhtml+xml", "value": "<p>Ships moved.</p>"}],
        "subjects": [{"name": name} for name in subjects],
        **extra,
    }


def array(*stories):
    return json.dumps(list(stories)).encode()


def refuse_tag(name):
    """A database that refuses to store the tag `name` (and nothing else)."""

    def execute(run, sql, params, many, context):
        if sql.startswith('INSERT INTO "taggit_tag"') and name in (params or ()):
            raise OperationalError(f"cannot store tag {name}")
        return run(sql, params, many, context)

    return execute


def test_an_item_the_database_refuses_is_rejected_alone_and_leaves_nothing_behind(tmp_path):
    # Item 2 makes a new byline, then fails on its new tag; item 3 names the same person.
    items = array(story(1), story(2, by="Zed Only", subjects=["Broken"]), story(3, by="Zed Only"))
    with connection.execute_wrapper(refuse_tag("Broken")):
        status, lines = ingest(write(tmp_path, "batch.json", items))
    assert status == 1
    assert [line.split()[0] for line in lines[:3]] == ["created", "rejected", "created"]
    assert "could not be saved: cannot store tag Broken" in lines[1]
    assert not Article.objects.filter(guid="urn:test:batch:2").exists()
    first, third = Article.objects.get(guid="urn:test:batch:1"), Article.objects.get(guid="urn:test:batch:3")
    assert [b.name for b in first.ordered_bylines()] == ["Ann Lee", "Ben Ode"]
    assert [b.name for b in third.ordered_bylines()] == ["Zed Only"]
    assert Byline.objects.filter(name="Zed Only").count() == 1
    assert sorted(t.name for t in third.tags.all()) == ["Shipping", "Weather"]
    assert Version.objects.get_for_object(third).count() == 1
    assert third.provenance.format == "ninjs"
    assert list(IngestLog.objects.order_by("id").values_list("action", flat=True)) == [
        "created",
        "rejected",
        "created",
    ]


def test_a_second_version_in_the_same_file_updates_the_story_the_first_created(tmp_path):
    items = array(story(1), story(1, version="2", by="Cy Park", subjects=["Ports"]))
    status, lines = ingest(write(tmp_path, "two-versions.json", items))
    assert status == 0
    assert [line.split()[0] for line in lines[:2]] == ["created", "updated"]
    article = Article.objects.get()
    assert article.version == 2
    assert [b.name for b in article.ordered_bylines()] == ["Cy Park"]
    assert [t.name for t in article.tags.all()] == ["Ports"]
    assert Version.objects.get_for_object(article).count() == 2


def test_a_wire_revision_is_the_one_reversion_would_record(tmp_path):
    ingest(write(tmp_path, "one.json", array(story(1))))
    article = Article.objects.get()
    ours = Version.objects.get_for_object(article).get()
    assert ours.revision.comment == "Wire ingest (ninjs, version 1): Wire: version 1 moved."
    with reversion.create_revision():  # what reversion itself records for the story as it stands
        reversion.add_to_revision(article)
    theirs = Version.objects.get_for_object(article).exclude(pk=ours.pk).get()
    assert ours.serialized_data == theirs.serialized_data
    assert ours.object_repr == theirs.object_repr
    ours_credits = Version.objects.filter(revision=ours.revision).exclude(pk=ours.pk).order_by("object_id")
    theirs_credits = Version.objects.filter(revision=theirs.revision).exclude(pk=theirs.pk).order_by("object_id")
    assert [v.serialized_data for v in ours_credits] == [v.serialized_data for v in theirs_credits]
    assert len(ours_credits) == 2  # the story's two bylines, restored with it


def test_a_wire_story_shows_its_wire_versions_in_history_and_restores_one(client, tmp_path):
    ingest(write(tmp_path, "v1.json", array(story(1))))
    ingest(write(tmp_path, "v2.json", array(story(1, version="2", headlines=[{"role": "main", "value": "Port shut"}]))))
    article = Article.objects.get()
    login(client, "Editor")
    history = client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()
    assert history.count("Wire ingest (ninjs, version") == 2
    first = Version.objects.get_for_object(article).order_by("pk").first()
    url = reverse("admin:articles_article_revision", args=[article.pk, first.pk])
    assert client.post(url, form_data(client, url)).status_code == 302
    article.refresh_from_db()
    assert article.headline == "Harbour reopens, take 1"
    assert [b.name for b in article.ordered_bylines()] == ["Ann Lee", "Ben Ode"]


@pytest.mark.django_db(transaction=True)  # real commits: what runs after them is counted too
def test_statements_per_item_stay_the_same_however_large_the_batch():
    make_article(headline="A story already on file")
    make_subscriber(webhook="https://subscriber.example/hook", active=False)  # looked up, owed nothing

    def statements(first, count):
        entries = parse(array(*(story(n) for n in range(first, first + count))))
        with CaptureQueriesContext(connection) as queries:
            outcomes = list(ingest_entries(entries, origin="test"))
        assert {outcome.action for outcome in outcomes} == {"created"}
        return len(queries)

    statements(0, 2)  # the source, bylines and tags exist from here on
    ten, thirty = statements(100, 10), statements(200, 30)
    # Each further story: savepoint, its slug, its row, release. What the
    # signals after commit look up (subscribers, tickers) is shared by the batch.
    assert (thirty - ten) / 20 <= 4


def test_every_story_of_a_batch_is_owed_to_subscribers(tmp_path, django_capture_on_commit_callbacks):
    subscriber, _ = make_subscriber(webhook="https://subscriber.example/hook")
    with django_capture_on_commit_callbacks(execute=True):
        ingest(write(tmp_path, "batch.json", array(story(1), story(2), story(3))))
    owed = Delivery.objects.filter(subscriber=subscriber, event=Delivery.Event.PUBLISHED)
    assert sorted(owed.values_list("guid", flat=True)) == [f"urn:test:batch:{n}" for n in (1, 2, 3)]


@pytest.mark.django_db(transaction=True)  # real commits: the bump happens after them
def test_a_batch_clears_cached_pages_once_for_all_its_stories(page_cache, monkeypatch):
    from pagecache import store

    bumped = []
    monkeypatch.setattr(store, "bump", lambda names: bumped.append(set(names)))
    list(ingest_entries(parse(array(story(1), story(2), story(3))), origin="test"))
    assert len(bumped) == 1
    stories = {f"story-{pk}" for pk in Article.objects.values_list("pk", flat=True)}
    tags = {f"tag-{pk}" for pk in Tag.objects.values_list("pk", flat=True)}
    bylines = {f"byline-{pk}" for pk in Byline.objects.values_list("pk", flat=True)}
    assert len(stories) == 3 and len(tags) == 2 and len(bylines) == 2
    assert stories | tags | bylines | {"home", "ticker"} <= bumped[0]


def test_a_bump_gives_no_number_to_a_key_without_one_and_moves_the_others(page_cache):
    from pagecache import store

    fresh, known = store._generation_key("story-1001"), store._generation_key("story-1002")
    store._start([known])
    before = store.backend().get(known)
    store.bump({"story-1001", "story-1002"})
    assert store.backend().get(fresh) is None  # no page can be kept under it: nothing to clear
    assert store.backend().get(known) == before + 1
