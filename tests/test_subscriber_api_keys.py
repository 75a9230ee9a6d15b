"""/api/ninjs/ needs a subscriber's key: 401 without a live one, 404 outside its
product, 429 over its limit; every request counted per key per day."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone

from articles.models import Kind, Precedence, Status
from subscribers.models import ApiKey, ApiKeyUsage
from tests.factories import make_article, make_source, xinhua

from .push_helpers import bearer, make_subscriber

pytestmark = pytest.mark.django_db


def detail(guid):
    return "/api/ninjs/" + quote(guid, safe="")


@pytest.mark.parametrize("path", ["/api/ninjs/", detail("urn:test:any")])
@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer"}, {"Authorization": "Basic dXNlcjpwdw=="}, bearer("nd_not-a-key-we-issued")],
)
def test_no_key_or_a_wrong_one_is_401_with_a_json_error_and_www_authenticate(client, path, headers):
    make_article(guid="urn:test:any")
    response = client.get(path, headers=headers)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]
    assert response["WWW-Authenticate"].startswith('Bearer realm="newsdesk"')
    assert "urn:test:any" not in response.content.decode()


def test_a_right_key_with_a_wrong_ending_is_refused(client):
    _, key = make_subscriber()
    make_article()
    assert client.get("/api/ninjs/", headers=bearer(key[:-1] + ("A" if key[-1] != "A" else "B"))).status_code == 401
    assert client.get("/api/ninjs/", headers=bearer(key)).status_code == 200


def test_a_revoked_key_stops_working_and_the_subscribers_other_keys_do_not(client):
    subscriber, key = make_subscriber()
    _, second = subscriber.issue_key()
    make_article()
    ApiKey.objects.get(prefix=key[:12]).revoke()
    response = client.get("/api/ninjs/", headers=bearer(key))
    assert response.status_code == 401
    assert "revoked" in response.json()["error"]
    assert 'error="invalid_token"' in response["WWW-Authenticate"]
    assert client.get("/api/ninjs/", headers=bearer(second)).status_code == 200


def test_a_paused_subscribers_keys_do_not_work(client):
    subscriber, key = make_subscriber(active=False)
    assert client.get("/api/ninjs/", headers=bearer(key)).status_code == 401


def test_stories_outside_the_product_are_not_listed_and_answer_404(client):
    other = make_source()
    _, key = make_subscriber(sources=[xinhua()], lowest_precedence=Precedence.URGENT, kinds=[Kind.NEWS, Kind.FEATURE])
    inside = make_article(precedence=Precedence.URGENT)
    outside = [
        make_article(precedence=Precedence.URGENT, source=other),  # another source
        make_article(precedence=Precedence.ROUTINE),  # below the lowest precedence
        make_article(precedence=Precedence.FLASH, kind=Kind.COMMENTARY),  # another kind
    ]
    killed_outside = make_article(source=other, status=Status.WITHDRAWN)
    listed = [item["uri"] for item in client.get("/api/ninjs/", headers=bearer(key)).json()["items"]]
    assert listed == [inside.guid]
    assert client.get(detail(inside.guid), headers=bearer(key)).status_code == 200
    for story in outside:
        assert client.get(detail(story.guid), headers=bearer(key)).status_code == 404
    assert client.get(detail(killed_outside.guid), headers=bearer(key)).status_code == 404


def test_languages_in_the_product_match_regional_variants(client):
    _, key = make_subscriber(languages="fr, es")
    french = make_article(language="fr-CA")
    make_article(language="en")
    listed = [item["uri"] for item in client.get("/api/ninjs/", headers=bearer(key)).json()["items"]]
    assert listed == [french.guid]


def test_too_many_requests_is_429_with_retry_after_for_that_key_only(client):
    subscriber, key = make_subscriber(requests_per_minute=3)
    _, other_key = subscriber.issue_key()
    for _ in range(3):
        assert client.get("/api/ninjs/", headers=bearer(key)).status_code == 200
    response = client.get("/api/ninjs/", headers=bearer(key))
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 61
    assert "error" in response.json()
    assert client.get("/api/ninjs/", headers=bearer(other_key)).status_code == 200  # the limit is per key


def test_requests_are_counted_per_key_per_day_and_mark_the_last_use(client):
    subscriber, key = make_subscriber()
    _, unused = subscriber.issue_key()
    for _ in range(4):
        client.get("/api/ninjs/", headers=bearer(key))
    used = ApiKey.objects.with_last_use().get(prefix=key[:12])
    assert ApiKeyUsage.objects.get(key=used, day=timezone.localdate()).requests == 4
    assert timezone.now() - used.last_used_at < timedelta(minutes=1)
    assert ApiKey.objects.with_last_use().get(prefix=unused[:12]).last_used_at is None
    yesterday = timezone.now() - timedelta(days=1)
    ApiKeyUsage.count(used, now=yesterday)
    assert sorted(ApiKeyUsage.objects.filter(key=used).values_list("requests", flat=True)) == [1, 4]


def test_keys_are_stored_only_as_hashes(client):
    subscriber, key = make_subscriber()
    stored = ApiKey.objects.get(subscriber=subscriber)
    assert key.startswith(stored.prefix)
    assert key not in str(list(ApiKey.objects.values_list()))


def test_product_filter_and_push_test_agree(client):
    """The product is one rule written as a query (API) and as a test (push): they must agree."""
    other = make_source()
    stories = [
        make_article(source=source, kind=kind, precedence=precedence, language=language)
        for source in (xinhua(), other)
        for kind in (Kind.NEWS, Kind.FEATURE)
        for precedence in (Precedence.FLASH, Precedence.ROUTINE)
        for language in ("en", "fr-CA")
    ]
    products = [
        {},
        {"sources": [other]},
        {"kinds": [Kind.FEATURE]},
        {"lowest_precedence": Precedence.FLASH},
        {"languages": "fr"},
        {"sources": [xinhua()], "kinds": [Kind.NEWS], "lowest_precedence": Precedence.URGENT, "languages": "en"},
    ]
    from articles.models import Article

    for product in products:
        subscriber, _ = make_subscriber(**product)
        by_query = set(Article.objects.filter(subscriber.product_q()).values_list("pk", flat=True))
        by_test = {story.pk for story in stories if subscriber.covers(story)}
        assert by_query == by_test, product
