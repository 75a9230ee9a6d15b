"""Saving one wire item: the only place ingest writes stories.

`ingest_item()` saves one parsed item (a `WireItem`) in its own transaction
and returns what happened. A revision history (or anything else that must wrap
a whole save) wraps this one function.
"""

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from articles import workflow
from articles.history import revision
from articles.models import Article, Precedence, Source, Status, unique_slug
from articles.sanitize import clean_html

from . import hygiene
from .models import IngestLog, Provenance
from .parsers import one_line

logger = logging.getLogger(__name__)

STATUS_FOR = {"usable": Status.PUBLISHED, "withheld": Status.DRAFT, "canceled": Status.WITHDRAWN}
FALLBACK_SOURCE = {"slug": "wire", "name": "Wire (provider not named)", "credit": "Wire", "end_marker": ""}
MAX_TAGS = 30
PRECEDENCE_ORDER = [Precedence.FLASH, Precedence.URGENT, Precedence.ROUTINE]


@dataclass
class Outcome:
    """What ingest did with one item: one line of the command's output."""

    action: str  # created, updated, unchanged or rejected
    guid: str
    message: str  # the headline, or the reason for a rejection
    article: Article | None = None

    def __str__(self):
        return f"{self.action} {self.guid or '-'} {self.message}"


class ItemRejected(Exception):
    """An item that parsed but cannot become a story."""


def ingest_item(item, source=None, origin="", now=None):
    """Create, update or leave alone the story for `item`; returns an Outcome.

    `source` (a Source) overrides the item's provider. Everything happens in
    one transaction: a failure rolls this item back and no other.
    """
    now = now or timezone.now()
    try:
        comment = f"Wire ingest ({item.format}, version {item.version or '-'})"
        with transaction.atomic(), revision(comment=comment):
            outcome = _save(item, source, now)
            _log(outcome, item.format, item.version, origin)
            if outcome.article is not None:
                _record_provenance(outcome.article, item, origin, now)
            return outcome
    except ItemRejected as error:
        return reject(item.guid, str(error), item.format, origin)
    except (DatabaseError, ValidationError) as error:
        return reject(item.guid, f"could not be saved: {one_line(error, 150)}", item.format, origin)


def reject(guid, reason, fmt="", origin=""):
    """Log a rejected item (or file) and return its Outcome."""
    outcome = Outcome("rejected", guid or "-", one_line(reason, 300))
    try:
        with transaction.atomic():  # a savepoint: a failed log line leaves any outer transaction usable
            _log(outcome, fmt, None, origin)
    except DatabaseError:  # the database refused the item, and its log line too: the caller still reports it
        logger.warning("ingest log not written for rejected %s: %s", outcome.guid, outcome.message)
    return outcome


def _log(outcome, fmt, version, origin):
    IngestLog.objects.create(
        action=outcome.action,
        guid=outcome.guid[:255],
        message=outcome.message[:500],
        format=fmt,
        version=version,
        origin=origin[:500],
        article=outcome.article,
    )


def _record_provenance(article, item, origin, now):
    Provenance.objects.update_or_create(
        article=article,
        defaults={
            "original_guid": item.guid,
            "format": item.format,
            "origin": origin[:500],
            "version_created": item.version_created,
            "last_ingested_at": now,
        },
    )


def _save(item, source, now):
    headline, labels = hygiene.strip_prefixes(hygiene.plain_text(item.headline))
    if not headline:
        raise ItemRejected("missing headline")
    if len(headline) > 300:
        raise ItemRejected(f"headline is {len(headline)} characters, over the 300 allowed")
    article = Article.objects.select_for_update().filter(guid=item.guid).first()
    if article is not None and not _is_newer(item, article):
        return Outcome("unchanged", item.guid, headline, article)
    source = source or (article.source if article else None) or source_for(item.provider)

    body, dateline = hygiene.take_dateline(hygiene.tidy_html(clean_html(item.body_html)))
    precedence = _higher(labels.get("precedence", Precedence.ROUTINE), hygiene.precedence_for(item.urgency))
    fields = {
        "headline": headline,
        "kind": labels.get("kind") or hygiene.kind_for(item.genres),
        "precedence": precedence,
        "urgency": item.urgency or hygiene.PRECEDENCE_URGENCY.get(precedence, 5),
        "dateline": dateline[:100],
        "body": hygiene.take_end_marker(body, source.end_marker),
        "summary": hygiene.plain_text(item.summary),
        "language": (hygiene.plain_text(item.language)[:12] or "en"),
        "slugline": hygiene.plain_text(item.slugline, 100),
        "editors_note": hygiene.plain_text(item.ednote),
        "embargo_until": item.embargoed,
        "source": source,
    }
    status = STATUS_FOR[item.pubstatus]
    names, tags = _byline_names(item.bylines), _tags(item.subjects)
    if article is None:
        article = Article(
            guid=item.guid,
            version=item.version or 1,
            status=status,
            published_at=item.first_created or item.version_created or now,
            withdrawn_reason=_kill_reason(item, source) if status == Status.WITHDRAWN else "",
            **fields,
        )
        workflow.wire_create(article, bylines=names, tags=tags, now=now)
        return Outcome("created", item.guid, headline, article)
    version = item.version if item.version is not None else article.version + 1
    if status == Status.WITHDRAWN:
        workflow.wire_kill(
            article, reason=_kill_reason(item, source), version=version, version_created=item.version_created, now=now
        )
        return Outcome("updated", item.guid, headline, article)
    done = workflow.wire_update(
        article,
        fields,
        version=version,
        version_created=item.version_created,
        status=status,
        bylines=names,
        tags=tags,
        now=now,
    )
    if done == "unchanged":
        return Outcome("unchanged", item.guid, headline, article)
    if done == "held":
        return Outcome("updated", item.guid, f"{headline} (held: the desk has edited this story)", article)
    return Outcome("updated", item.guid, headline, article)


def _is_newer(item, article):
    """A higher version; or, without versions, a later version-created time."""
    if item.version is not None:
        return item.version > article.version
    known = getattr(getattr(article, "provenance", None), "version_created", None)
    return bool(item.version_created and known and item.version_created > known)


def _higher(a, b):
    return min(a, b, key=PRECEDENCE_ORDER.index)


def _kill_reason(item, source):
    return hygiene.plain_text(item.ednote) or f"This story was withdrawn by {source.credit}."


def source_for(provider):
    """The Source called `provider` (by name, credit or slug), made if new."""
    name = hygiene.plain_text(provider, 100)
    if not name:
        return Source.objects.get_or_create(slug=FALLBACK_SOURCE["slug"], defaults=FALLBACK_SOURCE)[0]
    slug = slugify(name)[:50] or "wire"
    found = Source.objects.filter(Q(name__iexact=name) | Q(credit__iexact=name) | Q(slug=slug)).first()
    if found:
        return found
    # A new agency gets no end marker: the desk sets it once it knows the agency's habit.
    return Source.objects.create(name=name, slug=unique_slug(Source, name, 50), credit=name[:60], end_marker="")


def _byline_names(statements):
    names = []
    for statement in statements:
        for name in hygiene.split_bylines(statement):
            if name.lower() not in {n.lower() for n in names}:
                names.append(name)
    return names


def _tags(subjects):
    tags, seen = [], set()
    for subject in subjects:
        name = hygiene.plain_text(subject, 100)
        if name and name.lower() not in seen:
            seen.add(name.lower())
            tags.append(name)
    return tags[:MAX_TAGS]
