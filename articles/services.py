"""Writes that change what readers see. Admin actions and commands call these,
so the rules live in one place. Each keeps a revision (articles.history) saying
who did it and why."""

from django.db import transaction
from django.utils import timezone

from .history import revision
from .models import Article, Correction, Precedence, Status


@transaction.atomic
def publish(articles, now=None, user=None):
    """Publish drafts. A story with a future publish
    time stays scheduled; one without gets `now`. Returns how many changed."""
    now = now or timezone.now()
    count = 0
    with revision(user, "Published."):
        for article in articles.select_for_update(of=("self",)).filter(status=Status.DRAFT):
            article.status = Status.PUBLISHED
            article.published_at = article.published_at or now
            article.save(update_fields=["status", "published_at", "modified_at"])
            count += 1
    return count


@transaction.atomic
def withdraw(articles, reason="", user=None):
    """Withdraw (kill) stories: they leave every public surface and their
    address answers 410 with the reason. Returns how many changed."""
    count = 0
    with revision(user, f"Withdrawn: {reason}" if reason else "Withdrawn."):
        for article in articles.select_for_update(of=("self",)).exclude(status=Status.WITHDRAWN):
            article.status = Status.WITHDRAWN
            article.withdrawn_reason = reason or article.withdrawn_reason
            article.save(update_fields=["status", "withdrawn_reason", "modified_at"])
            count += 1
    return count


@transaction.atomic
def restore(articles, user=None):
    """Bring withdrawn stories back to readers at their old address. Returns how many changed."""
    count = 0
    with revision(user, "Restored after withdrawal."):
        for article in articles.select_for_update(of=("self",)).filter(status=Status.WITHDRAWN):
            article.status = Status.PUBLISHED
            article.withdrawn_reason = ""
            article.save(update_fields=["status", "withdrawn_reason", "modified_at"])
            count += 1
    return count


@transaction.atomic
def correct(article, text, kind=Correction.Kind.CORRECTION, user=None, now=None):
    """Add a dated correction or clarification readers see, and mark the story updated."""
    now = now or timezone.now()
    with revision(user, f"{Correction.Kind(kind).label} added."):
        correction = Correction.objects.create(article=article, kind=kind, text=text, created_at=now, created_by=user)
        article.updated_at = now
        article.save(update_fields=["updated_at", "modified_at"])
    return correction


@transaction.atomic
def update(article, what_changed="", user=None, now=None):
    """Mark new facts: the version goes up, readers see "Updated …" and what changed.
    The address and the wire ID stay the same."""
    now = now or timezone.now()
    with revision(user, f"Updated (version {article.version + 1}): {what_changed}".rstrip(": ")):
        article.version += 1
        article.updated_at = now
        article.update_note = what_changed
        article.save(update_fields=["version", "updated_at", "update_note", "modified_at"])
    return article


@transaction.atomic
def lift_embargo(article, user=None, now=None):
    """Release an embargoed story now. Only a Desk chief may (the admin checks);
    the revision records who lifted it, when, and the embargo time it replaced."""
    now = now or timezone.now()
    was = article.embargo_until
    comment = f"Embargo lifted early (was until {timezone.localtime(was):%Y-%m-%d %H:%M %Z})." if was else ""
    with revision(user, comment):
        article.embargo_until = None
        article.save(update_fields=["embargo_until", "modified_at"])
    return was


@transaction.atomic
def flash(headline, source, user=None, dateline="", now=None):
    """A one-line Flash: published at once, so it tops the ticker straight away."""
    now = now or timezone.now()
    with revision(user, "Flash moved."):
        return Article.objects.create(
            headline=headline,
            summary=headline,
            source=source,
            dateline=dateline,
            precedence=Precedence.FLASH,
            urgency=1,
            status=Status.PUBLISHED,
            published_at=now,
        )
