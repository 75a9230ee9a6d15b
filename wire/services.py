"""Saving one wire item: the only place ingest writes stories.

`ingest_item()` saves one parsed item (a `WireItem`) in its own transaction
and returns what happened. A revision history (or anything else that must wrap
a whole save) wraps this one function.
"""

import logging
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from articles import workflow
from articles.history import revision
from articles.models import Article, Source, Status, unique_slug

from . import pictures
from .item import one_line
from .models import IngestLog, Provenance
from .normalise import agency_name, aware, normalise, plain_text, time_zone

logger = logging.getLogger(__name__)

STATUS_FOR = {"usable": Status.PUBLISHED, "withheld": Status.DRAFT, "canceled": Status.WITHDRAWN}
FALLBACK_SOURCE = {"slug": "wire", "name": "Wire (provider not named)", "credit": "Wire", "end_marker": ""}


@dataclass
class Outcome:
    """What ingest did with one item: one line of the command's output."""

    action: str  # created, updated, unchanged or rejected
    guid: str
    message: str  # the headline, or the reason for a rejection
    article: Article | None = None
    notes: list[str] = field(default_factory=list)  # e.g. a photo that could not be fetched

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
    photos, notes = pictures.fetch_for(item, origin)  # before the transaction: no lock held while fetching
    try:
        comment = f"Wire ingest ({item.format}, version {item.version or '-'})"
        with transaction.atomic(), revision(comment=comment):
            outcome = _save(item, source, now)
            if outcome.article is not None and photos:
                pictures.attach(outcome.article, photos, outcome.article.source)
            outcome.notes = notes
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
            "version_created": aware(item.version_created, time_zone(article.source.time_zone)),
            "last_ingested_at": now,
        },
    )


def story_fields(story, source):
    """The Article fields a normalised wire story sets (the mapping table in docs/wire.md)."""
    return {
        "headline": story.headline,
        "kind": story.kind,
        "precedence": story.precedence,
        "urgency": story.urgency,
        "dateline": story.dateline,
        "body": story.body,
        "summary": story.summary,
        "language": story.language,
        "slugline": story.slugline,
        "editors_note": story.editors_note,
        "embargo_until": story.embargo_until,
        "source": source,
    }


def _save(received, source, now):
    article = Article.objects.select_for_update().filter(guid=received.guid).first()
    source = source or (article.source if article else None) or source_for(agency_name(received))
    item = normalise(received, end_marker=source.end_marker, zone=source.time_zone)
    headline = item.headline
    if not headline:
        raise ItemRejected("missing headline")
    if len(headline) > 300:
        raise ItemRejected(f"headline is {len(headline)} characters, over the 300 allowed")
    if article is not None and not _is_newer(item, article):
        return Outcome("unchanged", item.guid, article.headline, article)
    if article is None and item.pubstatus == "canceled":
        return Outcome("unchanged", item.guid, "kill for a story never received: nothing to withdraw")
    fields = story_fields(item, source)
    status = STATUS_FOR[item.pubstatus]
    names, tags = [asdict(author) for author in item.authors], item.tags
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


def _kill_reason(item, source):
    return item.editors_note or f"This story was withdrawn by {source.credit}."


def source_for(provider):
    """The Source called `provider` (by name, credit or slug), made if new."""
    name = plain_text(provider, 100)
    if not name:
        return Source.objects.get_or_create(slug=FALLBACK_SOURCE["slug"], defaults=FALLBACK_SOURCE)[0]
    slug = slugify(name)[:50]  # "" for a name in another script: never the fallback source's "wire"
    found = Source.objects.filter(Q(name__iexact=name) | Q(credit__iexact=name) | Q(slug=slug or None)).first()
    if found:
        return found
    # A new agency gets no end marker: the desk sets it once it knows the agency's habit.
    return Source.objects.create(name=name, slug=unique_slug(Source, name, 50), credit=name[:60], end_marker="")
