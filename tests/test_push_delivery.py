"""Push to subscribers' webhooks: signed, retried with one delivery id, timed out,
dead-lettered and redelivered, in order. A real receiver on loopback; the worker runs
in this process (tests/test_push_worker.py runs real `db_worker` processes)."""

import json

import pytest
from django.test import TestCase
from django.urls import reverse

from articles import workflow
from articles.models import Kind, Precedence, Status
from subscribers.models import Delivery
from tests.factories import make_article, make_source, xinhua

from .push_helpers import FAST, Receiver, announce, drain, make_subscriber, valid_signature
from .test_wire_api import validator  # noqa: F401 (the ninjs 2.2 schema, when present)

pytestmark = pytest.mark.django_db
State = Delivery.State


@pytest.fixture(autouse=True)
def fast_retries(settings):
    for name, value in FAST.items():
        setattr(settings, name, value)


def finished():
    return not Delivery.objects.filter(state__in=Delivery.UNFINISHED).exists()


def push_one(story):
    receiver = Receiver()
    with receiver.serving() as url:
        make_subscriber(webhook=url)
        announce(story, "published")
        drain(finished)
    return receiver


def test_pushed_document_is_valid_ninjs_2_2(validator):  # noqa: F811
    [request] = push_one(make_article(bylines=[], tags=["Ports"])).requests
    validator.validate(json.loads(request["body"]))


def test_push_is_signed_with_the_subscribers_secret_and_is_the_storys_ninjs():
    receiver = Receiver()
    with receiver.serving() as url:
        make_subscriber(webhook=url)
        story = make_article(headline="Harbour reopens after the storm")
        announce(story, "published")
        drain(finished)
    [request] = receiver.requests
    assert valid_signature(request)
    assert not valid_signature(request, secret="someone-else's-secret")
    assert request["event"] == "published"
    assert request["delivery"] == str(Delivery.objects.get().delivery_id)
    assert request["content_type"].startswith("application/json")
    document = json.loads(request["body"])
    assert document["uri"] == story.guid
    assert document["headlines"][0]["value"] == "Harbour reopens after the storm"
    assert document["renditions"][0]["href"] == f"http://127.0.0.1:8000{story.get_absolute_url()}"  # SITE_URL


def test_failures_then_success_keep_one_delivery_id_and_body():
    receiver = Receiver([(500, 0), (503, 0), (200, 0)])
    with receiver.serving() as url:
        make_subscriber(webhook=url)
        announce(make_article(), "published")
        drain(finished)
    assert len(receiver.requests) == 3
    assert len({r["delivery"] for r in receiver.requests}) == 1
    assert len({r["body"] for r in receiver.requests}) == 1
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.last_status) == (State.DELIVERED, 3, 200)
    assert delivery.latency_ms is not None


def test_a_receiver_slower_than_the_timeout_is_retried(settings):
    receiver = Receiver([(200, FAST["WEBHOOK_TIMEOUT_SECONDS"] + 1), (200, 0)])
    with receiver.serving() as url:
        make_subscriber(webhook=url)
        announce(make_article(), "published")
        drain(lambda: Delivery.objects.filter(attempts=1, state=State.PENDING).exists())
        assert "timed out after 1 s" in Delivery.objects.get().last_error
        drain(finished)
    delivery = Delivery.objects.get()
    assert (delivery.state, delivery.attempts) == (State.DELIVERED, 2)
    assert receiver.requests[0]["delivery"] == receiver.requests[1]["delivery"]


def test_dead_letter_shows_in_the_admin_with_its_error_and_can_be_redelivered(staff_client):
    attempts = FAST["WEBHOOK_MAX_ATTEMPTS"]
    receiver = Receiver([(500, 0)] * attempts + [(200, 0)])
    with receiver.serving() as url:
        subscriber, _ = make_subscriber(webhook=url)
        story = make_article(headline="Quarry strike ends")
        announce(story, "published")
        drain(finished)
        delivery = Delivery.objects.get()
        assert (delivery.state, delivery.attempts, delivery.last_status) == (State.DEAD, attempts, 500)

        log = staff_client.get(reverse("admin:subscribers_delivery_changelist"), {"state": "dead"})
        assert "Quarry strike ends" in log.content.decode()
        assert "HTTP 500" in log.content.decode()
        per_subscriber = staff_client.get(
            reverse("admin:subscribers_delivery_changelist"), {"subscriber__id__exact": subscriber.pk}
        )
        assert "Dead letter" in per_subscriber.content.decode()

        response = staff_client.post(
            reverse("admin:subscribers_delivery_changelist"),
            {"action": "redeliver_selected", "_selected_action": [delivery.pk]},
            follow=True,
        )
        assert "1 dead letter(s) queued to be sent again" in response.content.decode()
        drain(finished)
    delivery.refresh_from_db()
    assert (delivery.state, delivery.last_status) == (State.DELIVERED, 200)
    assert len(receiver.requests) == attempts + 1
    assert {r["delivery"] for r in receiver.requests} == {str(delivery.delivery_id)}


def test_a_withdrawal_never_overtakes_the_publication_it_cancels():
    receiver = Receiver([(500, 0), (500, 0), (200, 0)])
    with receiver.serving() as url:
        make_subscriber(webhook=url)
        story = make_article()
        announce(story, "published")
        drain(lambda: Delivery.objects.filter(attempts=1, state=State.PENDING).exists())  # failed once
        with TestCase.captureOnCommitCallbacks(execute=True):  # the move itself announces the withdrawal
            workflow.withdraw(story, user=None, reason="Wrong figures.")
        drain(finished)
    assert receiver.events() == ["published", "published", "published", "withdrawn"]
    assert json.loads(receiver.requests[-1]["body"])["pubstatus"] == "canceled"
    assert list(Delivery.objects.order_by("id").values_list("event", "state")) == [
        ("published", State.DELIVERED),
        ("withdrawn", State.DELIVERED),
    ]


def test_a_newer_version_supersedes_an_older_one_not_yet_delivered():
    receiver = Receiver([(500, 0), (200, 0)])
    with receiver.serving() as url:
        make_subscriber(webhook=url)
        story = make_article()
        announce(story, "published")
        drain(lambda: Delivery.objects.filter(attempts=1, state=State.PENDING).exists())
        with TestCase.captureOnCommitCallbacks(execute=True):
            workflow.update(story, user=None, what_changed="Adds the death toll")
        drain(finished)
    first, last = receiver.requests
    assert json.loads(first["body"])["version"] == "1"
    # The subscriber never had the story, so the newer version reaches it as its publication.
    assert (last["event"], json.loads(last["body"])["version"]) == ("published", "2")
    assert first["delivery"] != last["delivery"]
    assert list(Delivery.objects.order_by("id").values_list("state", flat=True)) == [
        State.SUPERSEDED,
        State.DELIVERED,
    ]


def test_each_subscriber_gets_only_what_its_product_covers():
    receiver = Receiver()
    other = make_source()
    with receiver.serving() as url:
        xinhua_only, _ = make_subscriber(webhook=url + "?who=xinhua", sources=[xinhua()])
        flashes, _ = make_subscriber(webhook=url + "?who=flash", lowest_precedence=Precedence.FLASH)
        features_fr, _ = make_subscriber(webhook=url + "?who=fr", kinds=[Kind.FEATURE], languages="fr")
        routine = make_article(headline="Routine Xinhua copy")
        flash = make_article(headline="Flash from elsewhere", source=other, precedence=Precedence.FLASH)
        feature = make_article(headline="Reportage", source=other, kind=Kind.FEATURE, language="fr-CA")
        for story in (routine, flash, feature):
            announce(story, "published")
        drain(finished)
    got = set(Delivery.objects.values_list("subscriber_id", "article_id"))
    assert got == {(xinhua_only.pk, routine.pk), (flashes.pk, flash.pk), (features_fr.pk, feature.pk)}
    assert len(receiver.requests) == 3


def test_nothing_is_pushed_for_drafts_or_desk_only_events():
    receiver = Receiver()
    with receiver.serving() as url:
        make_subscriber(webhook=url)
        draft = make_article(status=Status.DRAFT)
        for event in ("created", "edited", "submitted", "updated"):
            announce(draft, event)
        drain()
    assert receiver.requests == []
    assert not Delivery.objects.exists()


def test_a_story_withdrawn_before_its_time_is_not_sent_at_its_time(settings):
    from datetime import timedelta

    from django.utils import timezone

    receiver = Receiver()
    with receiver.serving() as url:
        make_subscriber(webhook=url)
        story = make_article(published_at=timezone.now() + timedelta(seconds=0.5))
        announce(story, "scheduled")
        with TestCase.captureOnCommitCallbacks(execute=True):
            workflow.withdraw(story, user=None, reason="Pulled.")
        drain(finished)
    assert receiver.requests == []
    delivery = Delivery.objects.get()
    assert delivery.state == State.SKIPPED
    assert "status: withdrawn" in delivery.last_error


def test_a_delivery_whose_task_was_lost_is_woken_by_the_recovery_sweep():
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from subscribers.delivery import recover

    receiver = Receiver()
    with receiver.serving() as url:
        make_subscriber(webhook=url)
        announce(make_article(), "published")
        DBTaskResult.objects.all().delete()  # the nudge is gone; the row says what is owed
        long_ago = timezone.now() - timedelta(seconds=FAST["WEBHOOK_LEASE_SECONDS"] + 1)
        Delivery.objects.update(not_before=long_ago)
        assert recover() == 1
        assert recover() == 0  # a task is waiting for it now
        drain(finished)
    assert receiver.events() == ["published"]
