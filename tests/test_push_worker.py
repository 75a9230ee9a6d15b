"""Push with real `python manage.py db_worker` processes and a real receiver on
loopback: timed pushes go out at their time, order holds across two workers, and a
worker killed mid-delivery loses nothing."""

import json
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from subscribers.models import Delivery
from tests.factories import make_article

from .push_helpers import Receiver, announce, db_worker, make_subscriber, wait_for

pytestmark = pytest.mark.django_db(transaction=True)
State = Delivery.State


def all_delivered():
    return Delivery.objects.exists() and not Delivery.objects.exclude(state=State.DELIVERED).exists()


@pytest.mark.parametrize("timed_by", ["published_at", "embargo_until"])
def test_a_scheduled_or_embargoed_story_is_pushed_at_its_time(timed_by):
    receiver = Receiver()
    with receiver.serving() as url, db_worker():
        make_subscriber(webhook=url)
        at = timezone.now() + timedelta(seconds=2.5)
        story = make_article(**{timed_by: at})
        announce(story, "scheduled")
        time.sleep(1)
        assert receiver.requests == [], "pushed before readers could see it"
        wait_for(lambda: receiver.requests, what="the push at its time")
    [request] = receiver.requests
    assert request["event"] == "published"
    assert at.timestamp() <= request["at"] < at.timestamp() + 5
    assert json.loads(request["body"])["uri"] == story.guid


def test_two_workers_keep_a_withdrawal_behind_its_retried_publication():
    receiver = Receiver([(500, 0), (500, 0), (200, 0)])
    with receiver.serving() as url, db_worker("a"), db_worker("b"):
        make_subscriber(webhook=url)
        story = make_article()
        announce(story, "published")
        assert receiver.arrived.wait(30), "no worker sent the publication"  # sent once: the kill must follow it
        workflow.withdraw(story, user=None, reason="Wrong figures.")  # announces itself after commit
        wait_for(all_delivered, what="both deliveries")
    assert receiver.events() == ["published", "published", "published", "withdrawn"]


def test_a_worker_killed_mid_delivery_loses_nothing():
    # The receiver holds the first request while the worker sending it is killed.
    receiver = Receiver([(200, 3), (200, 0)])
    with receiver.serving() as url:
        make_subscriber(webhook=url)
        story = make_article()
        with db_worker("doomed") as doomed:
            announce(story, "published")
            assert receiver.arrived.wait(30), "the first worker never sent anything"
            doomed.kill()
            doomed.wait(timeout=10)
        assert Delivery.objects.get().state == State.SENDING  # held by a dead worker
        with db_worker("survivor"):
            wait_for(all_delivered, what="the survivor to take the delivery over")
    delivery = Delivery.objects.get()
    assert (delivery.attempts, delivery.last_status) == (2, 200)
    assert [r["delivery"] for r in receiver.requests] == [str(delivery.delivery_id)] * 2
