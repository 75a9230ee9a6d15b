"""Each role tries each desk action through the admin, as a person would:
allowed actions take effect, refused ones change nothing (403 when forced)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Correction, Status
from tests.factories import make_article, xinhua
from tests.roles import ROLES, form_data, login, make_user

pytestmark = pytest.mark.django_db

EDITOR = {
    "create",
    "edit own draft",
    "edit others' draft",
    "edit own submitted",
    "edit published",
    "submit own",
    "submit others'",
    "return",
    "publish",
    "schedule",
    "correct",
    "update",
    "withdraw",
    "flash",
}
ALLOWED = {
    "Reporter": {"create", "edit own draft", "submit own"},
    "Editor": EDITOR,
    "Desk chief": EDITOR | {"restore", "lift embargo"},
}


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def create(client, user):
    data = form_data(client, reverse("admin:articles_article_add"))
    data |= {"headline": "Harbour crane tips over", "source": str(xinhua().pk), "body": "<p>No one hurt.</p>"}
    client.post(reverse("admin:articles_article_add"), data)
    return Article.objects.filter(headline="Harbour crane tips over", created_by=user).exists()


def edit(client, status, owner=None):
    article = make_article(status=status, headline="Old headline", created_by=owner)
    url = change_url(article)
    data = form_data(client, url) if client.get(url).status_code == 200 else {}
    response = client.post(url, data | {"headline": "New headline"})
    article.refresh_from_db()
    return response.status_code in (200, 302) and article.headline == "New headline"


def submit(client, owner):
    article = make_article(status=Status.DRAFT, published_at=None, created_by=owner)
    client.post(reverse("admin:articles_article_submit", args=[article.pk]))
    article.refresh_from_db()
    return article.status == Status.SUBMITTED


def return_to_reporter(client, user):
    article = make_article(status=Status.SUBMITTED, published_at=None)
    client.post(reverse("admin:articles_article_return", args=[article.pk]), {"note": "Needs a second source."})
    article.refresh_from_db()
    return article.status == Status.DRAFT and article.return_note == "Needs a second source."


def publish(client, user):
    article = make_article(status=Status.DRAFT, published_at=None)
    data = form_data(client, change_url(article))
    client.post(change_url(article), data | {"_publish": "Save and publish"})
    article.refresh_from_db()
    return article.status == Status.PUBLISHED


def schedule(client, user):
    article = make_article(status=Status.DRAFT, published_at=None)
    later = timezone.localtime() + timedelta(days=1)
    data = form_data(client, change_url(article))
    data |= {"status": "published", "published_at_0": f"{later:%Y-%m-%d}", "published_at_1": f"{later:%H:%M:%S}"}
    client.post(change_url(article), data)
    article.refresh_from_db()
    return article.status == Status.PUBLISHED and article.published_at > timezone.now()


def correct(client, user):
    article = make_article()
    url = reverse("admin:articles_article_correct", args=[article.pk])
    client.post(url, {"kind": "correction", "text": "The crane was red, not blue."})
    return Correction.objects.filter(article=article).exists()


def update(client, user):
    article = make_article()
    data = form_data(client, change_url(article)) if client.get(change_url(article)).status_code == 200 else {}
    client.post(change_url(article), data | {"is_update": "on", "update_note": "Adds the port's statement"})
    article.refresh_from_db()
    return article.version == 2


def withdraw(client, user):
    article = make_article()
    client.post(reverse("admin:articles_article_withdraw", args=[article.pk]), {"reason": "Legal advice."})
    article.refresh_from_db()
    return article.status == Status.WITHDRAWN


def restore(client, user):
    article = make_article(status=Status.WITHDRAWN, withdrawn_reason="Mistake.")
    client.post(reverse("admin:articles_article_restore", args=[article.pk]))
    article.refresh_from_db()
    return article.status == Status.PUBLISHED


def lift_embargo(client, user):
    article = make_article(embargo_until=timezone.now() + timedelta(hours=3))
    client.post(reverse("admin:articles_article_lift_embargo", args=[article.pk]))
    article.refresh_from_db()
    return article.embargo_until is None


def flash(client, user):
    client.post(reverse("admin:articles_article_flash"), {"headline": "Quake hits coast", "source": xinhua().pk})
    return Article.objects.filter(headline="Quake hits coast", status=Status.PUBLISHED).exists()


ACTIONS = {
    "create": create,
    "edit own draft": lambda client, user: edit(client, Status.DRAFT, owner=user),
    "edit others' draft": lambda client, user: edit(client, Status.DRAFT, owner=make_user("Reporter", "other")),
    "edit own submitted": lambda client, user: edit(client, Status.SUBMITTED, owner=user),
    "edit published": lambda client, user: edit(client, Status.PUBLISHED, owner=user),
    "submit own": submit,
    "submit others'": lambda client, user: submit(client, make_user("Reporter", "other")),
    "return": return_to_reporter,
    "publish": publish,
    "schedule": schedule,
    "correct": correct,
    "update": update,
    "withdraw": withdraw,
    "restore": restore,
    "lift embargo": lift_embargo,
    "flash": flash,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", ACTIONS)
def test_each_role_may_do_exactly_its_actions(client, role, action):
    user = login(client, role)
    assert ACTIONS[action](client, user) is (action in ALLOWED[role])


@pytest.mark.parametrize(
    ("url_name", "method"),
    [("correct", "get"), ("withdraw", "get"), ("restore", "post"), ("lift_embargo", "post"), ("flash", "get")],
)
def test_forced_desk_views_answer_403_to_a_reporter(client, url_name, method):
    login(client, "Reporter")
    article = make_article(embargo_until=timezone.now() + timedelta(hours=1))
    args = [] if url_name == "flash" else [article.pk]
    response = getattr(client, method)(reverse(f"admin:articles_article_{url_name}", args=args))
    assert response.status_code == 403


def test_reporter_forcing_the_publish_button_gets_403_and_the_draft_stays(client):
    reporter = login(client, "Reporter")
    article = make_article(status=Status.DRAFT, published_at=None, created_by=reporter)
    data = form_data(client, change_url(article))
    response = client.post(change_url(article), data | {"_publish": "Save and publish"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Status.DRAFT


@pytest.mark.parametrize("action", ["publish_selected", "withdraw_selected", "restore_selected"])
def test_reporter_forcing_a_changelist_action_gets_403(client, action):
    login(client, "Reporter")
    article = make_article(status=Status.DRAFT, published_at=None)
    response = client.post(
        reverse("admin:articles_article_changelist"), {"action": action, "_selected_action": [article.pk]}
    )
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_reporter_sees_no_buttons_it_may_not_use(client):
    reporter = login(client, "Reporter")
    draft = make_article(status=Status.DRAFT, published_at=None, created_by=reporter)
    page = client.get(change_url(draft)).content.decode()
    assert 'name="_draft"' in page
    for marker in ['name="_publish"', "data-desk-correct", "data-desk-withdraw", 'value="published"']:
        assert marker not in page
    changelist = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "publish_selected" not in changelist
    assert "data-desk-flash" not in changelist


def test_editor_sees_publish_withdraw_and_correct_but_not_restore_or_lift(client):
    login(client, "Editor")
    story = make_article(embargo_until=timezone.now() + timedelta(hours=1))
    page = client.get(change_url(story)).content.decode()
    assert "data-desk-correct" in page
    assert "data-desk-withdraw" in page
    assert "data-desk-lift-embargo" not in page
    withdrawn = make_article(status=Status.WITHDRAWN)
    assert "data-desk-restore" not in client.get(change_url(withdrawn)).content.decode()


def test_desk_chief_sees_restore_and_lift_embargo(client):
    login(client, "Desk chief")
    embargoed = make_article(embargo_until=timezone.now() + timedelta(hours=1))
    assert "data-desk-lift-embargo" in client.get(change_url(embargoed)).content.decode()
    withdrawn = make_article(status=Status.WITHDRAWN)
    assert "data-desk-restore" in client.get(change_url(withdrawn)).content.decode()


def test_editor_cannot_lift_an_embargo_by_clearing_the_field(client):
    login(client, "Editor")
    until = timezone.now() + timedelta(hours=2)
    article = make_article(embargo_until=until)
    data = form_data(client, change_url(article)) | {"embargo_until_0": "", "embargo_until_1": ""}
    response = client.post(change_url(article), data)
    assert response.status_code == 403
    assert "Only a Desk chief can lift an embargo early." in response.content.decode()
    article.refresh_from_db()
    assert article.embargo_until == until


def test_desk_chief_lifting_an_embargo_is_logged_with_who_and_when(client):
    from django.contrib.admin.models import LogEntry
    from reversion.models import Version

    chief = login(client, "Desk chief")
    article = make_article(embargo_until=timezone.now() + timedelta(hours=2))
    client.post(reverse("admin:articles_article_lift_embargo", args=[article.pk]))
    entry = LogEntry.objects.get(object_id=str(article.pk))
    assert entry.user == chief
    assert "Embargo lifted early by desk-chief" in entry.get_change_message()
    revision = Version.objects.get_for_object(article).first().revision
    assert revision.user == chief
    assert revision.comment.startswith("Embargo lifted early")


def test_desk_chief_clearing_the_embargo_field_lifts_it_and_logs_it(client):
    from django.contrib.admin.models import LogEntry

    login(client, "Desk chief")
    article = make_article(embargo_until=timezone.now() + timedelta(hours=2))
    data = form_data(client, change_url(article)) | {"embargo_until_0": "", "embargo_until_1": ""}
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert article.embargo_until is None
    messages = [entry.get_change_message() for entry in LogEntry.objects.filter(object_id=str(article.pk))]
    assert any(message.startswith("Embargo lifted early by desk-chief") for message in messages)


def test_editor_cannot_pick_another_status_for_a_withdrawn_story(client):
    login(client, "Editor")
    article = make_article(status=Status.WITHDRAWN)
    data = form_data(client, change_url(article))
    assert 'value="published"' not in client.get(change_url(article)).content.decode()
    response = client.post(change_url(article), data | {"status": "published"})
    assert response.status_code == 403  # forced: not a move this user may make
    article.refresh_from_db()
    assert article.status == Status.WITHDRAWN


@pytest.mark.parametrize("role", ["Reporter", "Editor"])
def test_only_a_desk_chief_may_recover_deleted_stories(client, role):
    login(client, role)
    assert client.get(reverse("admin:articles_article_recoverlist")).status_code == 403
    assert "Recover deleted" not in client.get(reverse("admin:articles_article_changelist")).content.decode()


def test_desk_chief_finds_recover_deleted_stories(client):
    login(client, "Desk chief")
    assert "Recover deleted stories" in client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert client.get(reverse("admin:articles_article_recoverlist")).status_code == 200
