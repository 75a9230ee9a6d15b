"""/ticker.json as CONTRACT.md fixes it, for partner sites and the widget."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Kind, Precedence, Status

from .factories import make_article, make_ticker, pin

pytestmark = pytest.mark.django_db


def get(client, query="", **headers):
    return client.get("/ticker.json" + query, headers=headers)


def test_items_carry_the_contract_fields_with_absolute_urls(client):
    make_ticker()
    article = make_article(
        headline="Ferry link reopens",
        precedence=Precedence.URGENT,
        published_at=datetime(2016, 3, 24, 9, 12, tzinfo=UTC),
    )
    make_article(headline="Rain on the coast", published_at=datetime(2016, 3, 24, 8, 0, tzinfo=UTC))
    response = get(client)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["title"] == "Off the wire"
    assert data["items"][0] == {
        "kind": "news",
        "precedence": "urgent",
        "label": "Urgent",
        "headline": "Ferry link reopens",
        "url": "http://testserver" + article.get_absolute_url(),
        "published": "2016-03-24T09:12:00Z",
    }
    assert data["items"][1]["label"] == ""  # plain news carries no label


def test_pinned_items_come_first_then_newest_first(client):
    now = timezone.now()
    old = make_article(headline="Old but pinned", published_at=now - timedelta(days=3))
    make_article(headline="Newer", published_at=now - timedelta(hours=2))
    make_article(headline="Newest", published_at=now - timedelta(hours=1))
    pin(old)
    pin(headline="Outside headline", url="https://partner.example/story")
    headlines = [item["headline"] for item in get(client).json()["items"]]
    assert headlines == ["Old but pinned", "Outside headline", "Newest", "Newer"]


def test_at_most_ten_items_unless_a_limit_up_to_fifty(client):
    for n in range(55):
        make_article(headline=f"Story {n}")
    assert len(get(client).json()["items"]) == 10
    assert len(get(client, "?limit=3").json()["items"]) == 3
    assert len(get(client, "?limit=500").json()["items"]) == 50


@pytest.mark.parametrize("query", ["?limit=abc", "?limit=0", "?limit=-2", "?limit=²", "?kinds=gossip"])
def test_bad_options_answer_400_with_a_clear_message(client, query):
    response = get(client, query)
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["error"]


def test_kinds_keep_only_matching_kinds_or_precedences(client):
    make_article(headline="Urgent one", precedence=Precedence.URGENT)
    make_article(headline="A talk", kind=Kind.INTERVIEW)
    make_article(headline="Plain one")
    headlines = {item["headline"] for item in get(client, "?kinds=urgent,interview").json()["items"]}
    assert headlines == {"Urgent one", "A talk"}


def test_cache_and_cors_headers_and_no_cookie_or_vary_on_cookie(staff_client):
    make_article()
    response = get(staff_client)  # even a logged-in editor gets the shared answer
    assert response["Cache-Control"] == "public, max-age=15, s-maxage=30, stale-while-revalidate=60"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert response["Last-Modified"].endswith("GMT")
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_preflight_allows_if_none_match_from_any_origin(client):
    response = client.options("/ticker.json", headers={"Origin": "https://partner.example"})
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]


def test_matching_if_none_match_answers_304_without_a_body(client):
    make_article()
    etag = get(client)["ETag"]
    assert etag.startswith('"')
    response = get(client, If_None_Match=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Access-Control-Allow-Origin"] == "*"
    assert get(client, If_None_Match='"something-else"').status_code == 200


def test_publish_correction_and_withdrawal_change_the_etag_at_once(client):
    story = make_article(headline="First take")
    draft = make_article(headline="Waiting on the desk", status=Status.DRAFT, published_at=None)
    before = get(client)["ETag"]

    workflow.publish(draft, user=None)
    after_publish = get(client)
    assert after_publish["ETag"] != before
    assert "Waiting on the desk" in after_publish.content.decode()
    assert get(client, If_None_Match=before).status_code == 200

    story.headline = "First take, corrected"
    story.save()
    after_correction = get(client)["ETag"]
    assert after_correction != after_publish["ETag"]

    workflow.withdraw(story, user=None, reason="Legal")
    after_withdrawal = get(client)
    assert after_withdrawal["ETag"] != after_correction
    assert "First take" not in after_withdrawal.content.decode()


def test_unpublished_stories_never_reach_the_ticker(client):
    now = timezone.now()
    make_article(headline="Draft copy", status=Status.DRAFT)
    make_article(headline="Scheduled copy", published_at=now + timedelta(hours=1))
    make_article(headline="Embargoed copy", embargo_until=now + timedelta(hours=1))
    make_article(headline="Killed copy", status=Status.WITHDRAWN)
    assert get(client).json()["items"] == []


@pytest.mark.parametrize("stories", [1, 30])
def test_query_count_is_constant(client, django_assert_num_queries, stories):
    for _ in range(stories):
        pin(make_article())
    make_article()
    # 1 the ticker row, 2 its active entries with their stories, 3 the newest stories
    with django_assert_num_queries(3):
        assert get(client, "?limit=50").status_code == 200
