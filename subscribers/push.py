"""From a desk move to the deliveries it owes: the `story_changed` receiver.

Each subscriber whose product covers the story (or who was already sent it) gets a
Delivery row, written in one transaction with the task that wakes a worker. The row
is what counts; the task is only a nudge (subscribers.delivery does the sending).
"""

import logging

from django.db import DatabaseError, transaction
from django.utils import timezone

from articles.models import Status
from articles.signals import shared

from .models import Delivery, Subscriber

logger = logging.getLogger(__name__)

# Desk events (articles.signals.EVENTS) -> the event pushed. Others are not pushed.
PUSHED = {
    "published": Delivery.Event.PUBLISHED,
    "scheduled": Delivery.Event.PUBLISHED,  # sent at its time, after a fresh look at published()
    "embargo_lifted": Delivery.Event.PUBLISHED,
    "restored": Delivery.Event.PUBLISHED,
    "updated": Delivery.Event.UPDATED,
    "corrected": Delivery.Event.CORRECTED,
    "withdrawn": Delivery.Event.WITHDRAWN,
}


def on_story_changed(sender, article, event, **kwargs):
    """Receiver for articles.signals.story_changed (connected in apps.py). The desk
    move has already committed: a failure here is logged, never the editor's error."""
    if event not in PUSHED:
        return
    try:
        enqueue(article, PUSHED[event])
    except DatabaseError:
        logger.exception("Could not queue %s pushes for %s", PUSHED[event], article.guid)


def visible_at(article):
    """When readers can first see the story (its publish time or embargo end, the later)."""
    moments = [m for m in (article.published_at, article.embargo_until) if m is not None]
    return max(moments) if moments else None


def enqueue(article, event, now=None):
    """Owe `event` for `article` to every subscriber it concerns; returns the new deliveries."""
    subscribers = shared("subscribers", lambda: list(Subscriber.objects.with_webhook().prefetch_related("sources")))
    if not subscribers:
        return []  # one query and no transaction: a wire batch with no subscribers moves on at once
    return _enqueue(article, event, subscribers, now or timezone.now())


@transaction.atomic
def _enqueue(article, event, subscribers, now):
    from .delivery import wake  # noqa: PLC0415 (delivery imports tasks, which need settings loaded)

    # Who was already sent this story keeps hearing about it, even if it left their product.
    sent = set(
        Delivery.objects.filter(guid=article.guid, state=Delivery.State.DELIVERED).values_list(
            "subscriber_id", flat=True
        )
    )
    if event in Delivery.CONTENT_EVENTS and article.status != Status.PUBLISHED:
        return []
    was_public = article.published_at is not None and article.published_at <= now
    if event == Delivery.Event.WITHDRAWN and not was_public:
        subscribers = [s for s in subscribers if s.pk in sent]  # a kill before its time concerns no one else
    targets = [s for s in subscribers if s.covers(article) or s.pk in sent]
    if not targets:
        return []

    not_before = now
    if event in Delivery.CONTENT_EVENTS:
        # A story not yet public is sent when it is (and checked again then).
        if article.status == Status.PUBLISHED and visible_at(article) and visible_at(article) > now:
            not_before = visible_at(article)
        # A newer version supersedes an older one not yet delivered (nor being sent).
        older = Delivery.objects.filter(
            guid=article.guid,
            subscriber__in=targets,
            event__in=Delivery.CONTENT_EVENTS,
            state__in=[Delivery.State.PENDING, Delivery.State.DEAD],
        )
        # A subscriber who never got the publication gets the newer version as "published".
        unpublished = set(older.filter(event=Delivery.Event.PUBLISHED).values_list("subscriber_id", flat=True))
        older.update(state=Delivery.State.SUPERSEDED, finished_at=now)
    else:
        unpublished = set()

    deliveries = Delivery.objects.bulk_create(
        Delivery(
            subscriber=subscriber,
            article=article,
            guid=article.guid,
            event=Delivery.Event.PUBLISHED if subscriber.pk in unpublished else event,
            not_before=not_before,
            created_at=now,
        )
        for subscriber in targets
    )
    if any(d.pk is None for d in deliveries):  # backends without RETURNING ids
        deliveries = list(Delivery.objects.filter(guid=article.guid, created_at=now, subscriber__in=targets))
    for delivery in deliveries:
        wake(delivery, at=not_before)
    return deliveries
