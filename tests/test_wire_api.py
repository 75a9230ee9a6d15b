"""/api/ninjs/: published stories as ninjs 2.2 for subscribers."""

import json
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.test import override_settings
from django.utils import timezone
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from articles.models import Kind, Precedence, Status
from tests.factories import make_article, make_byline, xinhua

from .push_helpers import make_subscriber
from .wire_helpers import SAMPLES, ingest, ninjs2, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    """A subscriber's client: its key on every request, a product that covers everything."""
    _, key = make_subscriber()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client


SCHEMA = SAMPLES / "ninjs" / "schema" / "ninjs-schema_2.2.json"
GEOJSON = "https://geojson.org/schema/GeoJSON.json"


@pytest.fixture(scope="module")
def validator():
    # The schema $refs the GeoJSON schema on the web; we never serve geojson, so a local stub stands in.
    stub = Resource.from_contents({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object"})
    registry = Registry().with_resource(GEOJSON, stub).with_resource(GEOJSON + "#", stub)
    schema = json.loads(SCHEMA.read_text())
    return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def detail_url(guid):
    return "/api/ninjs/" + quote(guid, safe="")


def test_list_serves_published_stories_newest_first_and_each_validates(client, validator):
    older = make_article(headline="Older story", published_at=timezone.now() - timedelta(hours=3))
    newer = make_article(headline="Newer story", kind=Kind.ANALYSIS, precedence=Precedence.URGENT, urgency=2,
                         bylines=[make_byline(name="Ann Lee")], tags=["Ports"])  # fmt: skip
    data = client.get("/api/ninjs/").json()
    assert [item["uri"] for item in data["items"]] == [newer.guid, older.guid]
    assert data["next"] is None
    first = data["items"][0]
    assert first["headlines"][0]["value"] == "Newer story"
    assert first["by"] == "Ann Lee"
    assert first["urgency"] == 2
    assert first["genres"] == [{"name": "Analysis", "uri": "http://cv.iptc.org/newscodes/genre/Analysis"}]
    assert first["subjects"] == [{"name": "Ports"}]
    assert first["renditions"][0]["href"] == f"http://testserver{newer.get_absolute_url()}"
    for item in data["items"]:
        validator.validate(item)


def test_nothing_unpublished_embargoed_scheduled_or_killed_leaks(client):
    now = timezone.now()
    hidden = [
        make_article(status=Status.DRAFT),
        make_article(published_at=now + timedelta(hours=1)),
        make_article(embargo_until=now + timedelta(hours=1)),
        make_article(status=Status.WITHDRAWN),
    ]
    assert client.get("/api/ninjs/").json()["items"] == []
    for story in hidden[:3]:
        assert client.get(detail_url(story.guid)).status_code == 404


def test_withdrawn_story_answers_410_with_pubstatus_canceled_and_no_text(client, validator):
    story = make_article(headline="Wrong figures", body="<p>Secret words.</p>", status=Status.WITHDRAWN,
                         withdrawn_reason="Figures were wrong.")  # fmt: skip
    response = client.get(detail_url(story.guid))
    assert response.status_code == 410
    doc = response.json()
    assert doc["pubstatus"] == "canceled"
    assert doc["ednote"] == "Figures were wrong."
    assert "Secret words" not in response.content.decode() and "Wrong figures" not in response.content.decode()
    validator.validate(doc)


def test_detail_serves_one_story_and_unknown_guid_is_404(client, validator):
    story = make_article(guid="urn:test:one/two")
    doc = client.get(detail_url(story.guid)).json()
    assert doc["uri"] == "urn:test:one/two"
    assert doc["pubstatus"] == "usable"
    validator.validate(doc)
    assert client.get(detail_url("urn:test:nothing")).status_code == 404


@override_settings(WIRE_API_PAGE_SIZE=2)
def test_cursor_pages_through_every_story_once_even_as_new_ones_arrive(client):
    base = timezone.now() - timedelta(days=1)
    stories = [make_article(published_at=base + timedelta(minutes=n // 2)) for n in range(5)]  # ties on time
    seen, url = [], "/api/ninjs/"
    while url:
        data = client.get(url).json()
        seen += [item["uri"] for item in data["items"]]
        url = data["next"]
        make_article()  # a newer story moving mid-walk must not shift the pages
    expected = [s.guid for s in sorted(stories, key=lambda s: (s.published_at, s.pk), reverse=True)]
    assert seen == expected
    assert len(set(seen)) == len(seen)


def test_since_returns_only_stories_published_or_updated_after_it(client):
    now = timezone.now()
    make_article(published_at=now - timedelta(days=2))
    fresh = make_article(published_at=now - timedelta(minutes=5))
    updated = make_article(published_at=now - timedelta(days=3), updated_at=now - timedelta(minutes=1))
    since = (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    uris = {item["uri"] for item in client.get("/api/ninjs/", {"since": since}).json()["items"]}
    assert uris == {fresh.guid, updated.guid}


@pytest.mark.parametrize("query", [{"since": "yesterday"}, {"cursor": "not-a-cursor!"}])
def test_bad_since_or_cursor_is_a_clear_400(client, query):
    response = client.get("/api/ninjs/", query)
    assert response.status_code == 400
    assert "error" in response.json()


@pytest.mark.parametrize("count", [1, 30])
def test_list_query_count_is_constant(client, django_assert_num_queries, count):
    for n in range(count):
        make_article(bylines=[make_byline()], tags=[f"tag{n}"])
    # 1 the key with its subscriber, 2 its product's sources, 3 today's request count (upsert),
    # 4 stories joined with their source, 5 ordered bylines (prefetch), 6 tags (prefetch)
    with django_assert_num_queries(6):
        assert len(client.get("/api/ninjs/").json()["items"]) == count


@pytest.mark.parametrize("count", [1, 30])
def test_detail_query_count_is_constant(client, django_assert_num_queries, count):
    story = make_article(bylines=[make_byline() for _ in range(count)], tags=[f"t{n}" for n in range(count)])
    # 1 the key with its subscriber, 2 its product's sources, 3 today's request count,
    # 4 the story joined with its source, 5 its ordered bylines, 6 its tags
    with django_assert_num_queries(6):
        assert len(client.get(detail_url(story.guid)).json()["subjects"]) == count


def test_withdrawn_detail_query_count(client, django_assert_num_queries):
    story = make_article(status=Status.WITHDRAWN)
    # 1 the key, 2 its product's sources, 3 today's request count, 4 published lookup (none), 5 the withdrawn story
    with django_assert_num_queries(5):
        assert client.get(detail_url(story.guid)).status_code == 410


def test_round_trip_keeps_uri_version_headline_body_bylines_and_urgency(tmp_path, client, validator):
    xinhua()
    body = "<p>MOSCOW, March 24 (Xinhua) -- Ministers met on Thursday.</p><p>They agreed to talk again. Enditem</p>"
    sent = json.loads(ninjs2(uri="urn:xinhua:rt", body=body, version="3", urgency=2, by="Wang Li and Chen Ming",
                             firstcreated="2016-03-24T08:00:00Z", infosources=[{"name": "Xinhua"}]))  # fmt: skip
    assert ingest(write(tmp_path, "rt.json", json.dumps(sent)))[0] == 0
    served = client.get(detail_url("urn:xinhua:rt")).json()
    validator.validate(served)
    assert served["uri"] == sent["uri"]
    assert served["version"] == sent["version"]
    assert served["headlines"][0]["value"] == sent["headlines"][0]["value"]
    assert served["bodies"][0]["value"] == body
    assert served["by"] == sent["by"]
    assert served["urgency"] == sent["urgency"]
    assert served["located"] == "MOSCOW"
