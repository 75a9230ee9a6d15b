"""Writes that change what readers see. Admin actions and commands call these,
so the rules live in one place."""

from django.db import transaction
from django.utils import timezone

from .models import Status


@transaction.atomic
def publish(articles, now=None):
    """Publish drafts. A story with a future publish
    time stays scheduled; one without gets `now`. Returns how many changed."""
    now = now or timezone.now()
    count = 0
    for article in articles.select_for_update().filter(status=Status.DRAFT):
        article.status = Status.PUBLISHED
        article.published_at = article.published_at or now
        article.save(update_fields=["status", "published_at", "modified_at"])
        count += 1
    return count


@transaction.atomic
def withdraw(articles, reason=""):
    """Withdraw (kill) stories: they leave every public surface and their
    address answers 410 with the reason. Returns how many changed."""
    count = 0
    for article in articles.select_for_update().exclude(status=Status.WITHDRAWN):
        article.status = Status.WITHDRAWN
        article.withdrawn_reason = reason or article.withdrawn_reason
        article.save(update_fields=["status", "withdrawn_reason", "modified_at"])
        count += 1
    return count
