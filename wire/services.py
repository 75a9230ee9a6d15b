"""Saving wire items: the only place ingest writes stories.

`ingest(entries)` saves what a parser yields in batches of up to BATCH_SIZE
items: one transaction per batch, one savepoint per item, so a bad item is
rolled back and rejected alone while the rest of its batch is kept. What every
item of a batch writes alike (byline credits and tags of new stories, their
revisions and provenance, the log lines) goes in with one statement per batch,
and the sources, bylines and tags an item names are looked up once per batch.
Outcomes come back in input order once their batch has committed.
`ingest_item()` saves one item (a batch of one).
"""

import logging
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

import pagecache
from articles import signals, workflow
from articles.history import RevisionBatch, revision
from articles.models import Article, ArticleByline, Source, Status, slug_base, unique_slug

from . import pictures
from .item import Rejected, Skipped, WireItem, one_line
from .models import IngestLog, Provenance
from .normalise import agency_name, aware, normalise, plain_text, time_zone

logger = logging.getLogger(__name__)

STATUS_FOR = {"usable": Status.PUBLISHED, "withheld": Status.DRAFT, "canceled": Status.WITHDRAWN}
FALLBACK_SOURCE = {"slug": "wire", "name": "Wire (provider not named)", "credit": "Wire", "end_marker": ""}
# Items per transaction: enough to share the per-batch work, few enough that a
# batch holds its rows' locks briefly and its outcomes print soon.
BATCH_SIZE = 50


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


def ingest(entries, source=None, origin="", now=None, batch_size=BATCH_SIZE):
    """Save what a parser yields (`WireItem`, `Rejected`, `Skipped`); yields, in
    the same order, an Outcome for each item or rejection and each Skipped as it is.

    `source` (a Source) overrides the items' providers. A batch ends early
    before a guid it already holds (the second version then finds the first
    saved) and after an item with a picture (one picture in memory at a time).
    """
    pending, guids = [], set()
    for entry in entries:
        if isinstance(entry, WireItem) and entry.guid in guids:
            yield from _save_batch(pending, source, origin, now)
            pending, guids = [], set()
        pending.append(entry)
        if isinstance(entry, WireItem):
            guids.add(entry.guid)
        if len(pending) >= batch_size or (isinstance(entry, WireItem) and entry.pictures):
            yield from _save_batch(pending, source, origin, now)
            pending, guids = [], set()
    if pending:
        yield from _save_batch(pending, source, origin, now)


def ingest_item(item, source=None, origin="", now=None):
    """Create, update or leave alone the story for `item` (in its own transaction); returns an Outcome."""
    return next(iter(ingest([item], source=source, origin=origin, now=now)))


def _save_batch(entries, source, origin, now):
    """Save `entries` in one transaction; if the batch as a whole cannot be
    written (the database failed at its end), each item is tried on its own."""
    now = now or timezone.now()
    # Pictures are fetched before the transaction: no lock is held while fetching.
    fetched = [pictures.fetch_for(e, origin) if isinstance(e, WireItem) else None for e in entries]
    try:
        # The batch's stories clear cached pages once, after commit; receivers of
        # their announcements look up what they share (subscribers, tickers) once.
        with pagecache.held(), signals.batch(), transaction.atomic():
            items = [e for e in entries if isinstance(e, WireItem)]
            batch = Batch(source, origin, now, [i.guid for i in items], [i.headline for i in items])
            outcomes = [batch.save(entry, got) for entry, got in zip(entries, fetched, strict=True)]
            batch.write()
    except DatabaseError as error:
        if len(entries) > 1:
            for entry in entries:
                yield from _save_batch([entry], source, origin, now)
            return
        outcomes = [_failed(entries[0], error, origin)]
    yield from outcomes


def _failed(entry, error, origin):
    """The outcome of a batch of one that could not be written at all (the database refused it)."""
    if isinstance(entry, Skipped):
        return entry
    if isinstance(entry, Rejected):
        return reject(entry.guid if entry.guid != "-" else origin, entry.reason, origin=origin)
    return reject(entry.guid, f"could not be saved: {one_line(error, 150)}", entry.format, origin)


def reject(guid, reason, fmt="", origin=""):
    """Log a rejected item (or file) at once and return its Outcome."""
    outcome = Outcome("rejected", guid or "-", one_line(reason, 300))
    try:
        with transaction.atomic():  # a savepoint: a failed log line leaves any outer transaction usable
            _log_entry(outcome, fmt, None, origin).save()
    except DatabaseError:  # the database refused the item, and its log line too: the caller still reports it
        logger.warning("ingest log not written for rejected %s: %s", outcome.guid, outcome.message)
    return outcome


def _log_entry(outcome, fmt, version, origin):
    return IngestLog(
        action=outcome.action,
        guid=outcome.guid[:255],
        message=outcome.message[:500],
        format=fmt,
        version=version,
        origin=origin[:500],
        article=outcome.article,
    )


class Batch:
    """One transaction's worth of items: what they share, and the rows written once for all.

    `workflow.wire_create(…, batch=…)` hands it a new story's credits, tags and
    revision. Every item runs in `item()`, a savepoint: if the item fails, what
    it added here (rows waiting, sources, bylines or tags it made) is dropped too.
    """

    def __init__(self, source, origin, now, guids, headlines):
        self.source, self.origin, self.now = source, origin, now
        self.revisions = RevisionBatch()
        self.credits, self.tagged, self.provenance, self.logs = [], [], [], []
        self.sources, self.bylines, self.tags = {}, {}, {}  # looked up (or made) once per batch
        self.made = []  # (cache, key) made by the item in hand
        self.story_type = ContentType.objects.get_for_model(Article).pk
        # The stories these items update, locked until the batch commits.
        stored = Article.objects.select_for_update(of=("self",)).select_related("source", "provenance")
        self.stored = {article.guid: article for article in stored.filter(guid__in=guids)} if guids else {}
        # Which of the new stories' slugs are free, in one query (by the headlines as sent:
        # one that normalising changes is looked up by Article.save() as usual).
        bases = {slug_base(plain_text(headline, 300)) for headline in headlines}
        taken = set(Article.objects.filter(slug__in=bases).values_list("slug", flat=True)) if bases else set()
        self.free_slugs = {base: base not in taken for base in bases}

    def save(self, entry, fetched):
        """Save one parsed entry in its own savepoint; returns its Outcome (or the Skipped)."""
        if isinstance(entry, Skipped):
            return entry
        if isinstance(entry, Rejected):
            guid = entry.guid if entry.guid != "-" else self.origin
            return self.log(Outcome("rejected", guid or "-", one_line(entry.reason, 300)))
        photos, notes = fetched
        self.revisions.outer = f"Wire ingest ({entry.format}, version {entry.version or '-'})"
        try:
            with self.item():
                outcome = _save(entry, self, photos)
                outcome.notes = notes
                if outcome.article is not None:
                    self.stored[entry.guid] = outcome.article
        except ItemRejected as error:
            outcome = Outcome("rejected", entry.guid, str(error))
        except (DatabaseError, ValidationError) as error:
            outcome = Outcome("rejected", entry.guid, f"could not be saved: {one_line(error, 150)}")
        return self.log(outcome, entry.format, entry.version)

    @contextmanager
    def item(self):
        marks = [len(self.revisions), len(self.credits), len(self.tagged), len(self.provenance)]
        self.made = []
        try:
            with transaction.atomic():
                yield
        except BaseException:
            self.revisions.truncate(marks[0])
            del self.credits[marks[1] :], self.tagged[marks[2] :], self.provenance[marks[3] :]
            for cache, key in self.made:
                cache.pop(key, None)
            raise

    def _cached(self, cache, key, find):
        if key not in cache:
            cache[key] = find()
            self.made.append((cache, key))
        return cache[key]

    def slug_for(self, headline):
        """A free slug for a new story's headline, or "" (Article.save() then finds one)."""
        base = slug_base(headline)
        if not self.free_slugs.get(base):
            return ""
        self.free_slugs[base] = False
        self.made.append((self.free_slugs, base))  # forgotten (so looked up again) if the item fails
        return base

    def source_for(self, provider):
        return self._cached(self.sources, provider, lambda: source_for(provider))

    def credit(self, article, bylines):
        """Credit a new story's bylines, in order (written by write())."""
        credited = set()
        for entry in bylines:
            name = entry if isinstance(entry, str) else entry["name"]
            byline = self._cached(self.bylines, name, lambda: workflow.find_byline(entry, article.source))  # noqa: B023 -- called at once
            if byline.pk not in credited:
                credited.add(byline.pk)
                self.credits.append(ArticleByline(article=article, byline=byline, position=len(credited) - 1))

    def tag(self, article, names):
        """Tag a new story (written by write()); a tag is found by name in any case, as taggit does."""
        tagged = set()
        for name in names:
            tag = self._cached(self.tags, name, lambda: find_tag(name))  # noqa: B023 -- called at once
            if tag.pk not in tagged:
                tagged.add(tag.pk)
                self.tagged.append(TaggedItem(tag=tag, content_type_id=self.story_type, object_id=article.pk))

    def log(self, outcome, fmt="", version=None):
        self.logs.append(_log_entry(outcome, fmt, version, self.origin))
        return outcome

    def write(self):
        """Write what the batch's items left waiting, after the last item."""
        credits = ArticleByline.objects.bulk_create(self.credits)
        TaggedItem.objects.bulk_create(self.tagged, ignore_conflicts=True)
        by_story = {}
        for credit in credits:
            by_story.setdefault(credit.article_id, []).append(credit)
        self.revisions.write(by_story)
        Provenance.objects.bulk_create(self.provenance)
        IngestLog.objects.bulk_create(self.logs)


def find_tag(name):
    """The tag called `name` in any case (the oldest if several), else a new one."""
    return Tag.objects.filter(name__iexact=name).order_by("pk").first() or Tag.objects.create(name=name)


def _provenance(article, item, origin, now):
    return {
        "original_guid": item.guid,
        "format": item.format,
        "origin": origin[:500],
        "version_created": aware(item.version_created, time_zone(article.source.time_zone)),
        "last_ingested_at": now,
    }


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


def _save(received, batch, photos):
    article = batch.stored.get(received.guid)
    source = batch.source or (article.source if article else None) or batch.source_for(agency_name(received))
    item = normalise(received, end_marker=source.end_marker, zone=source.time_zone)
    headline = item.headline
    if not headline:
        raise ItemRejected("missing headline")
    if len(headline) > 300:
        raise ItemRejected(f"headline is {len(headline)} characters, over the 300 allowed")
    if article is None and item.pubstatus == "canceled":
        return Outcome("unchanged", item.guid, "kill for a story never received: nothing to withdraw")
    fields = story_fields(item, source)
    status = STATUS_FOR[item.pubstatus]
    names, tags, now = [asdict(author) for author in item.authors], item.tags, batch.now
    if article is None:
        article = Article(
            guid=item.guid,
            version=item.version or 1,
            status=status,
            published_at=item.first_created or item.version_created or now,
            withdrawn_reason=_kill_reason(item, source) if status == Status.WITHDRAWN else "",
            slug=batch.slug_for(headline),
            **fields,
        )
        workflow.wire_create(article, bylines=names, tags=tags, now=now, batch=batch)
        if photos:
            pictures.attach(article, photos, source)
        batch.provenance.append(Provenance(article=article, **_provenance(article, received, batch.origin, now)))
        return Outcome("created", item.guid, headline, article)
    with revision(comment=batch.revisions.outer):  # a stored story's move records its own revision
        if _is_newer(item, article):
            outcome = _update(article, item, fields, status, names, tags, now)
        else:
            outcome = Outcome("unchanged", item.guid, article.headline, article)
        if photos:
            pictures.attach(article, photos, article.source)
        Provenance.objects.update_or_create(article=article, defaults=_provenance(article, received, batch.origin, now))
    return outcome


def _update(article, item, fields, status, names, tags, now):
    headline, source = item.headline, fields["source"]
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
