"""The desk's one state machine (articles/workflow.py): every move obeys the same
rule from every entry point (the Status select, the list action, the button,
a direct POST), the ready-for-desk step, ownership, badges and the signal."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles import workflow
from articles.models import Article, Status
from articles.signals import story_changed
from tests.factories import make_article
from tests.photo_factories import make_image
from tests.roles import form_data, login, make_user

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def desk(name, article):
    return reverse(f"admin:articles_article_{name}", args=[article.pk])


# Withdraw needs a reason, whichever way it is asked for.


def test_withdraw_without_a_reason_is_refused_through_the_status_select(client):
    login(client, "Editor")
    article = make_article()
    data = form_data(client, change_url(article)) | {"status": "withdrawn", "withdrawn_reason": ""}
    response = client.post(change_url(article), data)
    assert response.status_code == 200
    assert "A withdrawal needs a reason" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_withdraw_with_a_reason_through_the_status_select_goes_through_the_workflow(client):
    editor = login(client, "Editor")
    article = make_article()
    data = form_data(client, change_url(article)) | {"status": "withdrawn", "withdrawn_reason": "Legal advice."}
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert (article.status, article.withdrawn_reason) == (Status.WITHDRAWN, "Legal advice.")
    revision = Version.objects.get_for_object(article).first().revision
    assert (revision.user, revision.comment) == (editor, "Withdrawn: Legal advice.")
    assert LogEntry.objects.filter(object_id=str(article.pk), change_message="Withdrawn: Legal advice.").exists()


def test_withdraw_without_a_reason_is_refused_by_the_button_the_action_and_the_function(client):
    editor = login(client, "Editor")
    article = make_article()
    assert client.post(desk("withdraw", article), {"reason": "  "}).status_code == 200
    client.post(CHANGELIST, {"action": "withdraw_selected", "_selected_action": [article.pk], "apply": "1"})
    with pytest.raises(workflow.MoveRefused, match="needs a reason"):
        workflow.withdraw(article, user=editor, reason="")
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


# A forbidden move answers 403 whichever way it is sent.


def test_reporter_publishing_own_draft_gets_403_from_select_button_action_and_post(client):
    reporter = login(client, "Reporter")
    article = make_article(status=Status.DRAFT, published_at=None, created_by=reporter)
    data = form_data(client, change_url(article))
    assert client.post(change_url(article), data | {"status": "published"}).status_code == 403
    assert client.post(desk("publish", article)).status_code == 403
    action = {"action": "publish_selected", "_selected_action": [article.pk]}
    assert client.post(CHANGELIST, action).status_code == 403
    with pytest.raises(workflow.Forbidden):
        workflow.publish(article, user=reporter)
    article.refresh_from_db()
    assert article.status == Status.DRAFT


def test_editor_restoring_gets_403_from_select_button_and_action(client):
    login(client, "Editor")
    article = make_article(status=Status.WITHDRAWN, withdrawn_reason="Mistake.")
    data = form_data(client, change_url(article))
    assert client.post(change_url(article), data | {"status": "published"}).status_code == 403
    assert client.post(desk("restore", article)).status_code == 403
    action = {"action": "restore_selected", "_selected_action": [article.pk]}
    assert client.post(CHANGELIST, action).status_code == 403
    article.refresh_from_db()
    assert article.status == Status.WITHDRAWN


def test_unpublishing_a_live_story_through_the_select_is_refused(client):
    login(client, "Editor")
    article = make_article()
    data = form_data(client, change_url(article))
    response = client.post(change_url(article), data | {"status": "draft"})
    assert response.status_code == 403
    assert "cannot go from Published to Draft" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


# The ready-for-desk step and return to reporter.


def test_reporter_sends_a_draft_to_the_desk_and_an_editor_returns_it_with_a_note(client):
    reporter = login(client, "Reporter", "rita")
    article = make_article(status=Status.DRAFT, published_at=None, created_by=reporter)
    data = form_data(client, change_url(article)) | {"_submit": "Save and send to desk", "headline": "Finished copy"}
    assert client.post(change_url(article), data).status_code == 302
    article.refresh_from_db()
    assert (article.status, article.headline) == (Status.SUBMITTED, "Finished copy")
    # Once submitted the desk owns it: the reporter may only look.
    assert client.post(change_url(article), form_data(client, change_url(article))).status_code == 403

    login(client, "Editor", "ed")
    listed = client.get(CHANGELIST).content.decode()
    assert "Ready for desk" in listed
    assert client.post(desk("return", article), {"note": "Needs the mayor's quote."}).status_code == 302
    article.refresh_from_db()
    assert (article.status, article.return_note) == (Status.DRAFT, "Needs the mayor's quote.")

    client.force_login(reporter)
    page = client.get(change_url(article)).content.decode()
    assert "data-return-note" in page
    assert "Needs the mayor&#x27;s quote." in page
    assert 'data-state="returned"' in page


def test_return_without_a_note_is_refused(client):
    login(client, "Editor")
    article = make_article(status=Status.SUBMITTED, published_at=None)
    assert client.post(desk("return", article), {"note": ""}).status_code == 200
    data = form_data(client, change_url(article)) | {"status": "draft", "return_note": ""}
    response = client.post(change_url(article), data)
    assert "Say in a note what the reporter should change." in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.SUBMITTED


def test_new_story_belongs_to_its_reporter_and_another_reporter_cannot_edit_it(client):
    rita = login(client, "Reporter", "rita")
    data = form_data(client, reverse("admin:articles_article_add"))
    source = make_article().source
    data |= {"headline": "Council votes on budget", "source": str(source.pk), "body": "<p>Vote at six.</p>"}
    client.post(reverse("admin:articles_article_add"), data)
    story = Article.objects.get(headline="Council votes on budget")
    assert (story.created_by, story.status) == (rita, Status.DRAFT)

    other = login(client, "Reporter", "rob")
    assert other != rita
    response = client.post(change_url(story), {"headline": "Rob was here"})
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.headline == "Council votes on budget"
    assert client.post(desk("submit", story)).status_code == 403


def test_status_select_offers_only_the_users_moves(client):
    reporter = login(client, "Reporter")
    draft = make_article(status=Status.DRAFT, published_at=None, created_by=reporter)
    page = client.get(change_url(draft)).content.decode()
    assert 'value="submitted"' in page
    assert 'value="published"' not in page and 'value="withdrawn"' not in page

    login(client, "Editor", "ed")
    submitted = make_article(status=Status.SUBMITTED, published_at=None)
    choices = workflow.moves_for(make_user("Editor", "ed2"), submitted)
    assert [value for value, _ in choices] == ["draft", "submitted", "published", "withdrawn"]


# A photo a published story uses follows the published story's rule.


def test_reporter_cannot_change_the_photo_of_a_published_story(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    login(client, "Reporter")
    photo = make_image(caption="Harbour at dawn")
    unused = make_image(caption="Spare")
    make_article(lead_image=photo)
    url = reverse("admin:photos_image_change", args=[photo.pk])
    assert client.post(url, {"caption": "Changed live", "credit": "Me"}).status_code == 403
    photo.refresh_from_db()
    assert photo.caption == "Harbour at dawn"
    assert workflow.may_edit_photo(make_user("Reporter", "r2"), unused)
    assert workflow.may_edit_photo(make_user("Editor", "e2"), photo)


# Badges.


def test_the_story_list_shows_each_state_as_a_badge(client):
    login(client, "Editor")
    now = timezone.now()
    make_article(status=Status.DRAFT, published_at=None)
    make_article(status=Status.SUBMITTED, published_at=None)
    make_article(published_at=now + timedelta(hours=2))
    make_article(embargo_until=now + timedelta(hours=3))
    make_article()
    make_article(updated_at=now)
    make_article(status=Status.WITHDRAWN)
    page = client.get(CHANGELIST).content.decode()
    for text in ["Draft", "Ready for desk", "Scheduled for", "Embargoed until", "Published", "Updated", "Withdrawn"]:
        assert f">{text}" in page, text


# The signal: once per move, after commit, with the right event and the saved story.


def test_moves_announce_their_event_after_commit(django_capture_on_commit_callbacks):
    editor, chief = make_user("Editor", "ed"), make_user("Desk chief", "boss")
    heard = []

    def listener(sender, article, event, user, **kwargs):
        heard.append((event, article.status, Article.objects.get(pk=article.pk).status))

    story_changed.connect(listener)
    try:
        later = timezone.now() + timedelta(hours=4)
        draft = make_article(status=Status.DRAFT, published_at=None)
        scheduled = make_article(status=Status.DRAFT, published_at=later)
        with django_capture_on_commit_callbacks(execute=True):
            workflow.publish(draft, user=editor)
            assert heard == []  # nothing before the commit
        with django_capture_on_commit_callbacks(execute=True):
            workflow.publish(scheduled, user=editor)
            workflow.withdraw(draft, user=editor, reason="Wrong town.")
            workflow.restore(draft, user=chief)
    finally:
        story_changed.disconnect(listener)
    assert heard == [
        ("published", "published", "published"),
        ("scheduled", "published", "published"),
        ("withdrawn", "withdrawn", "published"),  # the listener reads the row after every callback ran
        ("restored", "published", "published"),
    ]


def test_refused_move_announces_nothing(django_capture_on_commit_callbacks):
    heard = []
    story_changed.connect(lambda **kwargs: heard.append(kwargs["event"]), weak=False, dispatch_uid="refused")
    try:
        article = make_article()
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(workflow.Forbidden):
            workflow.withdraw(article, user=make_user("Reporter"), reason="No.")
    finally:
        story_changed.disconnect(dispatch_uid="refused")
    assert heard == []


def test_schedule_moves_a_scheduled_story_but_not_a_live_one(client):
    editor = login(client, "Editor")
    now = timezone.now()
    scheduled = make_article(published_at=now + timedelta(hours=2))
    data = form_data(client, change_url(scheduled))
    later = timezone.localtime(now + timedelta(hours=6)).replace(microsecond=0)
    data |= {"published_at_0": f"{later:%Y-%m-%d}", "published_at_1": f"{later:%H:%M:%S}"}
    assert client.post(change_url(scheduled), data).status_code == 302
    scheduled.refresh_from_db()
    assert scheduled.published_at == later
    assert Version.objects.get_for_object(scheduled).first().revision.comment.startswith("Scheduled: publish time")

    live = make_article()
    with pytest.raises(workflow.MoveRefused, match="Readers can already see this story"):
        workflow.schedule(live, user=editor, publish_at=now + timedelta(hours=1))
    embargoed = make_article(embargo_until=now + timedelta(hours=5))
    with pytest.raises(workflow.MoveRefused, match="Only a Desk chief"):
        workflow.schedule(embargoed, user=editor, embargo_until=now + timedelta(hours=1))
    workflow.schedule(embargoed, user=editor, embargo_until=now + timedelta(hours=9))
    embargoed.refresh_from_db()
    assert embargoed.embargo_until == now + timedelta(hours=9)
