"""/admin/desk/, the monitoring page: each queue holds the right stories, its
one-click moves obey the workflow, its JSON poller answers 304 when nothing
changed, and its query count stays fixed as the desk fills up."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from articles.admin import monitor
from articles.models import Article, Precedence, Status

from .factories import make_article
from .roles import login, make_user

pytestmark = pytest.mark.django_db

DESK = "/admin/desk/"


def column(response, key):
    """The rendered column (its <section>) for `key`, as text."""
    html = response.content.decode()
    start = html.index(f'data-column="{key}"')
    end = html.find("</section>", start)
    return html[start:end]


def wire(**overrides):
    """A story the wire moved (no desk author), a few minutes ago."""
    return make_article(created_by=None, **overrides)


@pytest.fixture
def desk_now():
    now = timezone.now()
    stories = {
        "wire_routine": wire(headline="Routine wire copy about grain prices"),
        "wire_flash": wire(headline="Quake hits the coast", precedence=Precedence.FLASH),
        "ready": make_article(headline="Reporter copy ready for an editor", status=Status.SUBMITTED, published_at=None),
        "scheduled": make_article(headline="Budget speech text goes out later", published_at=now + timedelta(hours=3)),
        "far": make_article(headline="Next week's anniversary piece", published_at=now + timedelta(days=3)),
        "embargoed": make_article(headline="Central bank rate decision", embargo_until=now + timedelta(hours=2)),
        "live_urgent": make_article(headline="Ferries halted by storm", precedence=Precedence.URGENT),
        "withdrawn": make_article(headline="Story killed for legal reasons", status=Status.WITHDRAWN),
        "draft": make_article(
            headline="Private draft of a reporter",
            status=Status.DRAFT,
            published_at=None,
            created_by=make_user("Reporter", "writer"),
        ),
    }
    return stories


def test_each_queue_holds_the_right_stories(client, desk_now):
    login(client, "Editor")
    response = client.get(DESK)
    assert response.status_code == 200
    incoming = column(response, "incoming")
    assert incoming.index("Quake hits the coast") < incoming.index("Routine wire copy about grain prices")
    assert "Reporter copy ready" in column(response, "ready")
    assert "Reporter copy ready" not in column(response, "live")
    scheduled = column(response, "scheduled")
    assert "Budget speech text" in scheduled
    assert "anniversary piece" not in scheduled  # beyond the next 24 hours
    assert "Central bank rate decision" in column(response, "embargoed")
    assert "Central bank rate decision" not in column(response, "live")
    live = column(response, "live")
    assert "Ferries halted by storm" in live
    assert "desk-item--hot desk-item--urgent" in live
    assert "Budget speech text" not in live
    assert "Story killed for legal reasons" in column(response, "withdrawn")
    assert "Private draft of a reporter" not in response.content.decode()


def test_withdrawn_yesterday_has_left_the_withdrawn_queue(client, desk_now):
    Article.objects.filter(pk=desk_now["withdrawn"].pk).update(modified_at=timezone.now() - timedelta(days=2))
    login(client, "Editor")
    assert "Story killed for legal reasons" not in column(client.get(DESK), "withdrawn")


def test_each_column_is_bounded(client):
    for i in range(monitor.PER_COLUMN + 5):
        make_article(headline=f"Live story {i}")
    login(client, "Editor")
    live = column(client.get(DESK), "live")
    assert live.count('<li class="desk-item') == monitor.PER_COLUMN
    assert f"{monitor.PER_COLUMN}+" in live


def test_editor_publishes_a_ready_story_in_one_click(client, desk_now):
    login(client, "Editor")
    story = desk_now["ready"]
    response = client.post(reverse("admin_desk_move", args=[story.pk, "publish"]))
    assert response.status_code == 302 and response["Location"] == DESK
    story.refresh_from_db()
    assert story.status == Status.PUBLISHED
    assert "Published." in client.get(DESK).content.decode()


def test_reporter_sees_no_publish_button_and_a_forced_publish_is_403(client, desk_now):
    login(client, "Reporter")
    story = desk_now["ready"]
    assert 'data-desk-move="publish"' not in client.get(DESK).content.decode()
    response = client.post(reverse("admin_desk_move", args=[story.pk, "publish"]))
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.status == Status.SUBMITTED


def test_only_a_desk_chief_lifts_an_embargo_or_restores(client, desk_now):
    embargoed, withdrawn = desk_now["embargoed"], desk_now["withdrawn"]
    login(client, "Editor", "ed")
    page = client.get(DESK).content.decode()
    assert 'data-desk-move="lift-embargo"' not in page and 'data-desk-move="restore"' not in page
    assert client.post(reverse("admin_desk_move", args=[embargoed.pk, "lift-embargo"])).status_code == 403
    assert client.post(reverse("admin_desk_move", args=[withdrawn.pk, "restore"])).status_code == 403
    login(client, "Desk chief", "chief")
    page = client.get(DESK).content.decode()
    assert 'data-desk-move="lift-embargo"' in page and 'data-desk-move="restore"' in page
    client.post(reverse("admin_desk_move", args=[embargoed.pk, "lift-embargo"]))
    client.post(reverse("admin_desk_move", args=[withdrawn.pk, "restore"]))
    embargoed.refresh_from_db()
    withdrawn.refresh_from_db()
    assert embargoed.embargo_until is None
    assert withdrawn.status == Status.PUBLISHED


def test_a_refused_move_is_a_message_not_an_error(client, desk_now):
    login(client, "Editor")
    live = desk_now["live_urgent"]
    response = client.post(reverse("admin_desk_move", args=[live.pk, "publish"]), follow=True)
    assert response.status_code == 200
    assert "Not done" in response.content.decode()


def test_moves_need_post_and_a_known_move(client, desk_now):
    login(client, "Desk chief")
    story = desk_now["ready"]
    assert client.get(reverse("admin_desk_move", args=[story.pk, "publish"])).status_code == 405
    assert client.post(reverse("admin_desk_move", args=[story.pk, "delete"])).status_code == 403
    assert client.post(reverse("admin_desk_move", args=[999999, "publish"])).status_code == 404


def test_moves_check_the_csrf_token(desk_now):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    login(client, "Desk chief")
    story = desk_now["ready"]
    assert client.post(reverse("admin_desk_move", args=[story.pk, "publish"])).status_code == 403
    story.refresh_from_db()
    assert story.status == Status.SUBMITTED


def test_desk_page_needs_a_login(client):
    response = client.get(DESK)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_json_answers_304_until_a_story_changes(client, desk_now):
    login(client, "Editor")
    url = reverse("admin_desk_json")
    first = client.get(url)
    assert first.status_code == 200
    assert "Quake hits the coast" in first.json()["columns"]["incoming"]
    etag = first["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    wire(headline="Second quake reported inland", precedence=Precedence.FLASH)
    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 200
    assert again["ETag"] != etag
    assert "Second quake reported inland" in again.json()["columns"]["incoming"]


def test_page_etag_matches_the_json_view(client, desk_now):
    """The page carries its ETag, so the poller's first question is already a 304."""
    login(client, "Editor")
    page = client.get(DESK).content.decode()
    etag = client.get(reverse("admin_desk_json"))["ETag"]
    assert f'data-etag="{escape(etag)}"' in page


def test_editors_land_on_the_desk_after_login(client):
    make_user("Editor", "ed")
    response = client.post(
        reverse("admin:login"), {"username": "ed", "password": "pw-for-tests-only", "next": reverse("admin:index")}
    )
    assert response["Location"] == DESK
    make_user("Reporter", "rita")
    client.logout()
    response = client.post(
        reverse("admin:login"), {"username": "rita", "password": "pw-for-tests-only", "next": reverse("admin:index")}
    )
    assert response["Location"] == reverse("admin:index")


def test_admin_index_links_to_the_desk(client):
    login(client, "Reporter")
    assert 'href="/admin/desk/" data-desk-link' in client.get(reverse("admin:index")).content.decode()


def fill(n):
    """n stories in every queue."""
    now = timezone.now()
    for i in range(n):
        wire(headline=f"Wire {i}", precedence=Precedence.FLASH if i % 3 == 0 else Precedence.ROUTINE)
        make_article(status=Status.SUBMITTED, published_at=None)
        make_article(published_at=now + timedelta(hours=1 + i % 20))
        make_article(embargo_until=now + timedelta(hours=1))
        make_article(status=Status.WITHDRAWN)


# session, user, the user's permissions and group permissions, then one query per queue.
DESK_QUERIES = 4 + len(monitor.COLUMNS)


@pytest.mark.parametrize("n", [1, 40], ids=["1 per queue", "40 per queue"])
def test_desk_page_query_count_is_constant(client, n, django_assert_num_queries):
    fill(n)
    login(client, "Desk chief")
    with django_assert_num_queries(DESK_QUERIES):
        assert client.get(DESK).status_code == 200


@pytest.mark.parametrize("n", [1, 40], ids=["1 per queue", "40 per queue"])
def test_desk_json_query_count_is_constant(client, n, django_assert_num_queries):
    fill(n)
    login(client, "Desk chief")
    with django_assert_num_queries(DESK_QUERIES):
        assert client.get(reverse("admin_desk_json")).status_code == 200
