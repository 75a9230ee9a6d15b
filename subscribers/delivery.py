"""The delivery engine: send what subscribers are owed, in order, without losing any.

A Delivery row is the truth; a task (subscribers.tasks.deliver) only wakes a worker.
For one subscriber and story, only the oldest unfinished delivery (the chain's head)
may be sent. A worker *claims* it with one conditional UPDATE (so two workers never
send it at once) and holds it for WEBHOOK_LEASE_SECONDS. If the worker dies, the
lease runs out and any worker's recovery sweep (`recover`, run by our db_worker)
wakes it again: the receiver may then see the same delivery twice, with the same
X-Newsdesk-Delivery id, but never zero times.
"""

import json
import random
import secrets
from datetime import timedelta
from urllib.parse import urljoin

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from articles.models import Article, Status
from wire import ninjs_out as ninjs

from . import webhooks
from .models import Delivery
from .push import visible_at

State = Delivery.State


class SiteAddress:
    """Stands in for a request where ninjs needs absolute addresses (there is no request in a worker)."""

    def build_absolute_uri(self, location):
        return urljoin(settings.SITE_URL, location)


def wake(delivery, at=None):
    """Enqueue a task that works on `delivery`'s chain (at `at`, or now)."""
    from .tasks import deliver  # noqa: PLC0415 (tasks are validated against settings on import)

    task = deliver.using(run_after=at) if at and at > timezone.now() else deliver
    result = task.enqueue(delivery.pk)
    Delivery.objects.filter(pk=delivery.pk).update(task_id=result.id)


def earlier_unfinished():
    return Delivery.objects.filter(
        subscriber_id=OuterRef("subscriber_id"),
        guid=OuterRef("guid"),
        id__lt=OuterRef("id"),
        state__in=Delivery.UNFINISHED,
    )


def work(delivery_pk):
    """Send the chain of `delivery_pk` as far as it can go now. Returns how many were finished."""
    start = Delivery.objects.filter(pk=delivery_pk).values("subscriber_id", "guid").first()
    if start is None:
        return 0
    finished = 0
    while True:
        now = timezone.now()
        head = (
            Delivery.objects.filter(state__in=Delivery.UNFINISHED, **start).order_by("id").only("id", "state").first()
        )
        if head is None or not claim(head.pk, now):
            return finished  # nothing left, not due yet, or another worker has it
        if not attempt(head.pk, now):
            return finished  # waits for a retry or for its publish time; a task is booked
        finished += 1


def claim(pk, now):
    """Take the delivery for this worker if it is due (or its holder's lease ran out) and
    nothing older for the same subscriber and story is unfinished. One statement, so
    only one worker wins."""
    token = secrets.token_hex(8)
    claimed = (
        Delivery.objects.filter(pk=pk)
        .filter(Q(state=State.PENDING, not_before__lte=now) | Q(state=State.SENDING, lease_until__lt=now))
        .exclude(Exists(earlier_unfinished()))
        .update(
            state=State.SENDING,
            lease_until=now + timedelta(seconds=settings.WEBHOOK_LEASE_SECONDS),
            lease_token=token,
            attempts=F("attempts") + 1,
            last_attempt_at=now,
        )
    )
    return token if claimed else None


def attempt(pk, now):
    """Send the claimed delivery once and record what happened. True when it is finished."""
    delivery = Delivery.objects.select_related("subscriber").get(pk=pk)
    subscriber = delivery.subscriber
    owned = Delivery.objects.filter(pk=pk, state=State.SENDING, lease_token=delivery.lease_token)
    if not (subscriber.active and subscriber.webhook_url):
        return finish(owned, State.SKIPPED, last_error="the subscriber is paused or has no webhook")
    if not delivery.payload:
        payload, retry_at, why_not = render(delivery, now)
        if retry_at is not None:  # not public yet: wait for its time, then look again
            with transaction.atomic():
                owned.update(state=State.PENDING, not_before=retry_at, attempts=F("attempts") - 1, lease_until=None)
                wake(delivery, at=retry_at)
            return False
        if payload is None:
            return finish(owned, State.SKIPPED, last_error=why_not)
        delivery.payload = payload  # kept with the outcome below: one write per attempt
    body = delivery.payload.encode()
    answer = webhooks.post(
        subscriber.webhook_url,
        body,
        {
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "Newsdesk-Webhook/1",
            "X-Newsdesk-Event": delivery.event,
            "X-Newsdesk-Delivery": str(delivery.delivery_id),
            "X-Newsdesk-Signature": webhooks.signature(subscriber.webhook_secret, body),
        },
    )
    result = {
        "payload": delivery.payload,
        "last_status": answer.status,
        "latency_ms": answer.latency_ms,
        "last_error": answer.error,
    }
    if answer.delivered:
        return finish(owned, State.DELIVERED, **result)
    if delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        return finish(owned, State.DEAD, **result)
    retry_at = timezone.now() + timedelta(seconds=backoff(delivery.attempts))
    with transaction.atomic():
        if owned.update(state=State.PENDING, not_before=retry_at, lease_until=None, **result):
            wake(delivery, at=retry_at)
    return False


def finish(owned, state, **fields):
    owned.update(state=state, finished_at=timezone.now(), lease_until=None, **fields)
    return True


def backoff(attempts):
    """Seconds before the next try: the base doubled per attempt made, give or take a quarter."""
    return settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** (attempts - 1) * random.uniform(0.75, 1.25)  # noqa: S311


def render(delivery, now):
    """(payload, retry_at, why_not): the ninjs body to send, or when to look again, or why not at all."""
    if delivery.event == Delivery.Event.WITHDRAWN:
        article = Article.objects.filter(pk=delivery.article_id).first()
        if article is None:
            return None, None, "the story was deleted"
        return dumps(ninjs.canceled(article)), None, ""
    article = Article.objects.published(now=now).for_listing().filter(pk=delivery.article_id).first()
    if article is not None:
        return dumps(ninjs.document(article, SiteAddress())), None, ""
    article = Article.objects.filter(pk=delivery.article_id).first()
    if article is None:
        return None, None, "the story was deleted"
    when = visible_at(article)
    if article.status == Status.PUBLISHED and when and when > now:
        return None, when, ""
    return None, None, f"not public when its time came (status: {article.get_status_display().lower()})"


def dumps(document):
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def recover(now=None, limit=500):
    """Wake deliveries nobody is working on: held by a worker whose lease ran out (it
    died), or due for longer than a lease with no task waiting for them. Every worker
    runs this now and then; returns how many it woke."""
    now = now or timezone.now()
    waiting_task = DBTaskResult.objects.filter(id=OuterRef("task_id"), status="READY")
    stale = Q(state=State.SENDING, lease_until__lt=now) | Q(
        state=State.PENDING, not_before__lt=now - timedelta(seconds=settings.WEBHOOK_LEASE_SECONDS)
    )
    lost = list(
        Delivery.objects.filter(stale).exclude(Exists(earlier_unfinished())).exclude(Exists(waiting_task))[:limit]
    )
    for delivery in lost:
        wake(delivery)
    return len(lost)


def redeliver(deliveries, now=None):
    """Send dead letters again (same delivery id, a fresh set of attempts). One whose
    story has had a later event since is left alone, so order holds. Returns (sent, left)."""
    now = now or timezone.now()
    sent = left = 0
    for delivery in deliveries.filter(state=State.DEAD):
        later = delivery.chain().filter(id__gt=delivery.pk).exclude(state__in=[State.SUPERSEDED, State.SKIPPED])
        if later.exists():
            left += 1
            continue
        with transaction.atomic():
            Delivery.objects.filter(pk=delivery.pk, state=State.DEAD).update(
                state=State.PENDING, attempts=0, not_before=now, finished_at=None
            )
            wake(delivery)
        sent += 1
    return sent, left
