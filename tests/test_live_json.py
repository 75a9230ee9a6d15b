"""The JSON open pages poll for developing stories (articles/views_live.py):
/live/story/<id>.json and /live/home.json. Their shape, their ETags and 304s
(from the page cache, before any view runs), what readers may not see, their
query counts as data grows, and the keys that clear them the moment the story
(or the home page's Flash) changes."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Precedence, Status
from tests.factories import make_article, make_byline

pytestmark = pytest.mark.django_db

HOME_JSON = "/live/home.json"
SECOND = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def story_json(article):
    return f"/live/story/{article.pk}.json"


def updated(article, note, when=None):
    article.refresh_from_db()
    return workflow.update(article, user=None, what_changed=note, now=when)


def story(desk, **fields):
    with desk.commit():
        return make_article(**fields)


def test_story_json_says_the_version_when_it_moved_and_what_changed(client):
    article = make_article(headline="Quake hits the coast", precedence=Precedence.URGENT)
    updated(article, "Adds death toll", timezone.now().replace(microsecond=123456))

    response = client.get(story_json(article))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"id", "status", "version", "updated", "updated_time", "note", "headline", "url"}
    assert data["id"] == article.pk
    assert data["status"] == "published"
    assert data["version"] == 2
    assert data["note"] == "Adds death toll"
    assert data["headline"] == "Urgent: Quake hits the coast"
    assert SECOND.match(data["updated"]), data["updated"]  # to the second, no microseconds
    assert re.fullmatch(r"\d\d:\d\d", data["updated_time"])
    assert data["url"] == f"http://testserver{article.get_absolute_url()}"


def test_a_story_never_updated_has_version_one_and_no_note(client):
    data = client.get(story_json(make_article())).json()
    assert (data["version"], data["updated"], data["note"]) == (1, None, "")


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Status.DRAFT, "published_at": None},
        {"status": Status.SUBMITTED, "published_at": None},
        {"published_at": timezone.now() + timedelta(hours=2)},  # scheduled
        {"embargo_until": timezone.now() + timedelta(hours=2)},
    ],
    ids=["draft", "ready for desk", "scheduled", "embargoed"],
)
def test_stories_readers_cannot_see_answer_404(client, staff_client, fields):
    article = make_article(**fields)
    assert client.get(story_json(article)).status_code == 404
    assert staff_client.get(story_json(article)).status_code == 404
    assert client.get("/live/story/999999.json").status_code == 404


def test_a_withdrawn_story_answers_410_saying_so_with_none_of_its_text(client):
    article = make_article(headline="Quake hits the coast", body="<p>Secret words of the story.</p>")
    workflow.withdraw(article, user=None, reason="The agency withdrew this story: wrong location.")

    response = client.get(story_json(article))

    assert response.status_code == 410
    assert response.json() == {
        "id": article.pk,
        "status": "withdrawn",
        "version": article.version,
        "notice": "The agency withdrew this story: wrong location.",
    }
    assert b"Secret words" not in response.content


def test_answers_carry_an_etag_and_a_matching_request_gets_304_without_the_page_cache(client):
    article = make_article()
    for url in (story_json(article), HOME_JSON):
        response = client.get(url)
        etag = response["ETag"]
        assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
        assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
        again = client.get(url, headers={"if-none-match": etag})
        assert again.status_code == 304 and again.content == b""


def test_a_new_version_changes_the_etag(client):
    article = make_article()
    etag = client.get(story_json(article))["ETag"]
    updated(article, "Adds death toll")
    response = client.get(story_json(article), headers={"if-none-match": etag})
    assert response.status_code == 200 and response["ETag"] != etag
    assert response.json()["version"] == 2


def test_answers_set_no_cookie_and_do_not_vary_on_one(client):
    client.cookies["sessionid"] = "not-a-session"
    for url in (story_json(make_article()), HOME_JSON):
        response = client.get(url)
        assert not response.cookies
        assert "Cookie" not in response.get("Vary", "")


def test_answers_are_page_cached_and_304_before_any_view_runs(reader, editor):
    article = story(editor, precedence=Precedence.FLASH, published_at=timezone.now() - timedelta(minutes=5))
    for url in (story_json(article), HOME_JSON):
        cached = reader.warm(url)  # served with no query
        assert "public" in cached["Cache-Control"] and "s-maxage=" in cached["Cache-Control"]
        not_modified = reader.get(url, if_none_match=cached["ETag"])
        assert not_modified.status_code == 304 and not_modified.queries == 0


def test_story_json_names_the_story_s_key_so_a_change_clears_it(reader, editor):
    article = story(editor, headline="Quake hits the coast")
    url = story_json(article)
    cached = reader.warm(url)
    assert f"story-{article.pk}" in cached["xkey"].split()
    assert cached.json()["version"] == 1

    with editor.commit():
        updated(article, "Adds death toll")

    fresh = reader.get(url)
    assert fresh.queries > 0  # drawn again: never the stale version
    assert (fresh.json()["version"], fresh.json()["note"]) == (2, "Adds death toll")


def test_a_wire_update_clears_the_cached_story_json(reader, editor):
    article = story(editor, headline="Quake hits the coast")
    url = story_json(article)
    reader.warm(url)

    with editor.commit():
        article.refresh_from_db()
        workflow.wire_update(article, {"headline": "Quake death toll rises to 12"}, version=2)

    data = reader.get(url).json()
    assert data["version"] == 2
    assert data["note"] == "New headline: Quake death toll rises to 12"


def test_withdrawing_a_story_reaches_an_open_page_at_once(reader, editor):
    article = story(editor)
    reader.warm(story_json(article))
    with editor.commit():
        article.refresh_from_db()
        workflow.withdraw(article, user=None, reason="Wrong location.")
    assert reader.get(story_json(article)).status_code == 410


def test_home_json_gives_the_current_flash_with_its_banner(client):
    flash = make_article(headline="Quake hits the coast", precedence=Precedence.FLASH,
                         published_at=timezone.now() - timedelta(minutes=10))  # fmt: skip

    data = client.get(HOME_JSON).json()["flash"]

    assert set(data) == {"id", "label", "precedence", "headline", "url", "published", "html"}
    assert (data["id"], data["label"], data["headline"]) == (flash.pk, "Flash", "Quake hits the coast")
    assert data["url"] == f"http://testserver{flash.get_absolute_url()}"
    assert SECOND.match(data["published"])
    assert 'aria-label="Flash"' in data["html"]
    assert f'href="{flash.get_absolute_url()}"' in data["html"]
    assert f'datetime="{flash.published_at.replace(microsecond=0).isoformat()}"' in data["html"]  # to the second


def test_home_json_has_no_flash_when_none_is_under_an_hour_old(client):
    make_article(precedence=Precedence.FLASH, published_at=timezone.now() - timedelta(minutes=61))
    make_article(precedence=Precedence.ROUTINE, published_at=timezone.now() - timedelta(minutes=1))
    assert client.get(HOME_JSON).json() == {"flash": None}


def test_a_new_flash_clears_the_cached_home_json(reader, editor):
    story(editor, headline="Harbour reopens")
    assert reader.warm(HOME_JSON).json() == {"flash": None}
    assert "home" in reader.get(HOME_JSON)["xkey"].split()

    with editor.commit():
        workflow.flash(user=None, headline="Quake hits the coast", source=make_article().source)

    assert reader.get(HOME_JSON).json()["flash"]["headline"] == "Quake hits the coast"


def test_a_cached_home_json_never_outlives_its_flash_s_hour(reader, editor):
    moved = timezone.now() - timedelta(minutes=58)
    story(editor, precedence=Precedence.URGENT, published_at=moved)
    cached = reader.warm(HOME_JSON)
    s_maxage = int(re.search(r"s-maxage=(\d+)", cached["Cache-Control"]).group(1))
    assert s_maxage <= 2 * 60  # the banner leaves at moved + 1 hour, two minutes from now (not 300 s)
    assert "stale-while-revalidate" not in cached["Cache-Control"]


@pytest.mark.parametrize("n", [1, 30])
def test_query_counts_stay_the_same_as_data_grows(client, django_assert_num_queries, n):
    byline = make_byline()
    stories = [make_article(bylines=[byline], tags=[f"t{i}"], precedence=Precedence.URGENT) for i in range(n)]
    for article in stories[:3]:
        for i in range(3):
            updated(article, f"Update {i}")
    # the story's row (only the fields the answer needs)
    with django_assert_num_queries(1):
        assert client.get(story_json(stories[-1])).status_code == 200
    # the newest Flash or Urgent under an hour old
    with django_assert_num_queries(1):
        assert client.get(HOME_JSON).status_code == 200


def test_no_story_readers_cannot_see_is_ever_the_flash(client):
    recent = timezone.now() - timedelta(minutes=5)
    for fields in [
        {"status": Status.DRAFT},
        {"status": Status.SUBMITTED},
        {"status": Status.WITHDRAWN},
        {"published_at": timezone.now() + timedelta(minutes=5)},
        {"embargo_until": timezone.now() + timedelta(hours=1)},
    ]:
        make_article(headline="Hiddenword flash", precedence=Precedence.FLASH, **({"published_at": recent} | fields))
    assert client.get(HOME_JSON).json() == {"flash": None}
    assert "Hiddenword" not in client.get("/").content.decode()
