"""The desk's one state machine: every move a story can make, in one place.

States: draft → submitted ("Ready for desk") → published (shown as "Scheduled
for …" while its publish time is ahead) → withdrawn. An Editor may return a
submitted story to its reporter (a draft again, with a note).

Each move is one function that checks who may make it (`Forbidden`, a 403),
what must be true (`MoveRefused`, a message for the user), locks the stored
row, makes one write inside one revision with a comment, writes the admin log
entry, and after the transaction commits sends `articles.signals.story_changed`
with the move's event. The story form, the list actions, the desk buttons and
the wire ingest all call these; nothing else changes `status`,
`embargo_until`, `published_at` or `version` of a saved story.

A move called with an `article` that carries unsaved edits to its text (the
story form) saves those edits in the same write. Timing and state come from
the move, never from the form.
"""

import copy
from contextlib import contextmanager

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from . import history
from .models import Article, ArticleByline, Byline, Correction, Precedence, Status, WireUpdate, label_for, unique_slug
from .signals import story_changed

# The fields a move (not an edit) owns on a saved story.
WORKFLOW_FIELDS = ("status", "published_at", "embargo_until", "version")
# The fields a wire update carries and an editor may take one by one.
WIRE_FIELDS = (
    "headline",
    "kind",
    "precedence",
    "urgency",
    "dateline",
    "summary",
    "body",
    "language",
    "slugline",
    "editors_note",
    "embargo_until",
    "source_id",
)
# Text the desk writes: a change to one of these marks the story as edited by the desk.
TEXT_FIELDS = tuple(name for name in history.DIFF_FIELDS if name not in (*WORKFLOW_FIELDS, "updated_at"))


class MoveRefused(Exception):
    """A move that cannot be made now (a missing reason, the wrong state)."""


class Forbidden(MoveRefused, PermissionDenied):
    """A move this user may never make: every entry point answers 403."""


# Who may do what -------------------------------------------------------------


def _can(user, codename):
    return user is not None and user.has_perm(f"articles.{codename}")


def is_desk(user):
    """Editors and Desk chiefs: they own every story once it reaches the desk."""
    return _can(user, "publish_article")


def may_edit(user, article):
    """Editors and Desk chiefs edit every story; a Reporter only their own, while draft or returned."""
    if not _can(user, "change_article"):
        return False
    if is_desk(user):
        return True
    if article is None or article.pk is None:
        return True
    return article.status == Status.DRAFT and article.created_by_id == user.pk


def may_edit_photo(user, image):
    """A photo a published story uses follows the published story's rule."""
    if not user.has_perm("photos.change_image"):
        return False
    if image is None or image.pk is None or is_desk(user):
        return True
    used = Article.objects.filter(status__in=[Status.PUBLISHED, Status.WITHDRAWN])
    return not (used.filter(lead_image=image).exists() or used.filter(story_photos__image=image).exists())


def _require(user, codename, message):
    if user is not None and not _can(user, codename):  # user None: the wire or a timed job
        raise Forbidden(message)


def _check(condition, message):
    if not condition:
        raise MoveRefused(message)


def _ahead(when, now):
    return when is not None and when > now


def moves_for(user, article, now=None):
    """The states the Status select offers: the current one and each one this user may move it to."""
    now = now or timezone.now()
    status = article.status if article is not None and article.pk else Status.DRAFT
    offered = [status]
    if status == Status.DRAFT:
        if may_edit(user, article):
            offered.append(Status.SUBMITTED)
        if is_desk(user):
            offered.append(Status.PUBLISHED)
    elif status == Status.SUBMITTED and is_desk(user):
        offered += [Status.DRAFT, Status.PUBLISHED]
    elif status == Status.WITHDRAWN and _can(user, "restore_article"):
        offered.append(Status.PUBLISHED)
    if status != Status.WITHDRAWN and article is not None and article.pk and _can(user, "withdraw_article"):
        offered.append(Status.WITHDRAWN)
    return [choice for choice in Status.choices if choice[0] in offered]


# Checks: each move's rule, callable before the move (forms) and inside it ------


def check_submit(user, stored):
    if user is not None and not may_edit(user, stored):
        raise Forbidden("You may send only your own drafts to the desk.")
    _check(stored.status == Status.DRAFT, "Only a draft can be sent to the desk.")


def check_return(user, stored, note):
    _require(user, "publish_article", "Only an Editor can return a story to its reporter.")
    _check(stored.status == Status.SUBMITTED, "Only a story that is ready for desk can be returned.")
    _check(bool((note or "").strip()), "Say in a note what the reporter should change.")


def check_publish(user, stored, article=None):
    """`article`: the story with the form's unsaved text, when there is one."""
    _require(user, "publish_article", "You may not publish stories.")
    _check(
        stored.status in (Status.DRAFT, Status.SUBMITTED),
        "Only a draft or a story ready for desk can be published.",
    )
    text = article if article is not None else stored
    _check(bool(text.body or text.summary), "A published story needs a body or a summary.")


def check_schedule(user, stored, publish_at, embargo_until, now):
    _require(user, "publish_article", "You may not publish or schedule stories.")
    _check(stored.status != Status.WITHDRAWN, "A withdrawn story cannot be scheduled; restore it first.")
    live = stored.status == Status.PUBLISHED and not _ahead(stored.published_at, now)
    if publish_at != stored.published_at:
        _check(publish_at is not None and publish_at > now, "Choose a publish time ahead of now.")
        _check(not live, "Readers can already see this story: its publish time cannot change.")
    if _ahead(stored.embargo_until, now) and (embargo_until is None or embargo_until < stored.embargo_until):
        raise MoveRefused("Only a Desk chief can lift an embargo early.")


def check_update(user, stored, what_changed):
    _require(user, "correct_article", "You may not mark updates.")
    _check(stored.status == Status.PUBLISHED, "Only a published story can be updated.")
    _check(bool((what_changed or "").strip()), 'Say what changed: readers see it under "Updated …".')


def check_correct(user, stored, text):
    _require(user, "correct_article", "You may not add corrections.")
    _check(stored.status == Status.PUBLISHED, "Only a published story can be corrected.")
    _check(bool((text or "").strip()), "Say what was wrong and what is right.")


def check_withdraw(user, stored, reason):
    _require(user, "withdraw_article", "You may not withdraw stories.")
    _check(stored.status != Status.WITHDRAWN, "This story is already withdrawn.")
    _check(bool((reason or "").strip()), "A withdrawal needs a reason: readers see it at the story's address.")


def check_restore(user, stored):
    _require(user, "restore_article", "Only a Desk chief can restore a withdrawn story.")
    _check(stored.status == Status.WITHDRAWN, "Only a withdrawn story can be restored.")


def check_lift_embargo(user, stored, now):
    _require(user, "lift_embargo", "Only a Desk chief can lift an embargo early.")
    _check(_ahead(stored.embargo_until, now), "This story is not under embargo.")


def check_edit(user, stored):
    if user is not None and not may_edit(user, stored):
        raise Forbidden("You may edit only your own stories, and only while they are drafts.")


# The one write ---------------------------------------------------------------


@contextmanager
def _locked(article):
    """Lock the stored row for the move; yields it as stored (not as the form left `article`)."""
    with transaction.atomic():
        stored = Article.objects.select_for_update().get(pk=article.pk)
        yield stored


def _write(article, stored, *, user, comment, event, now, log=True, revisions=None):
    """Save `article` as one revision, log it, and announce it after commit."""
    if stored is not None and user is not None:
        if any(getattr(article, name) != getattr(stored, name) for name in TEXT_FIELDS):
            article.desk_edited_at = now
    if revisions is None:
        with history.revision(user, comment):
            article.save()
    else:  # a batch of wire stories: written with the batch (history.RevisionBatch)
        article.save()
        revisions.add(article, comment)
    if log and user is not None:
        LogEntry.objects.log_actions(
            user_id=user.pk,
            queryset=[article],
            action_flag=CHANGE if stored is not None else ADDITION,
            change_message=comment,
            single_object=True,
        )
    _announce(article, event, user)
    return article


def _announce(article, event, user):
    saved = copy.copy(article)  # as this move saved it, whatever the caller does with `article` next
    transaction.on_commit(lambda: story_changed.send(sender=Article, article=saved, event=event, user=user))


def _keep_stored(article, stored, *, timing=True):
    """Undo what the form changed of the fields a move owns (WORKFLOW_FIELDS).
    With timing=False the publish time and embargo stay as the editor planned
    them: they are the editor's to set until the story is published."""
    names = WORKFLOW_FIELDS if timing else ("status", "version")
    for name in names:
        setattr(article, name, getattr(stored, name))


def _publish_event(article, now):
    if _ahead(article.published_at, now) or _ahead(article.embargo_until, now):
        return "scheduled"
    return "published"


# Desk moves ------------------------------------------------------------------


@transaction.atomic
def create(article, *, user, now=None):
    """Save a new story from the desk: a draft, owned by whoever wrote it."""
    now = now or timezone.now()
    if user is not None and not _can(user, "add_article"):
        raise Forbidden("You may not write stories.")
    article.status = Status.DRAFT
    article.version = 1
    if user is not None and article.created_by_id is None:
        article.created_by = user
    return _write(article, None, user=user, comment="Created.", event="created", now=now)


def edit(article, *, user, changed=(), state_from=None, now=None):
    """Save the desk's edits to a story's text. A draft's planned publish time or
    embargo may change here; a published story's timing changes only by `schedule`.
    `state_from`: the story as it was before a history restore rewrote the row;
    its state and timing are kept."""
    now = now or timezone.now()
    with _locked(article) as stored:
        stored = state_from or stored
        check_edit(user, stored)
        _keep_stored(article, stored, timing=stored.status not in (Status.DRAFT, Status.SUBMITTED))
        comment = f"Edited: {', '.join(changed)}." if changed else "Edited."
        return _write(article, stored, user=user, comment=comment, event="edited", now=now)


def submit(article, *, user, now=None):
    """A reporter sends a finished draft to the desk ("Ready for desk")."""
    now = now or timezone.now()
    with _locked(article) as stored:
        check_submit(user, stored)
        _keep_stored(article, stored, timing=False)
        article.status = Status.SUBMITTED
        article.return_note = ""
        return _write(article, stored, user=user, comment="Sent to the desk.", event="submitted", now=now)


def return_to_reporter(article, *, user, note, now=None):
    """An editor sends a submitted story back to its reporter, with a note saying why."""
    now = now or timezone.now()
    with _locked(article) as stored:
        check_return(user, stored, note)
        _keep_stored(article, stored, timing=False)
        article.status = Status.DRAFT
        article.return_note = note.strip()
        comment = f"Returned to the reporter: {article.return_note}"
        return _write(article, stored, user=user, comment=comment, event="returned", now=now)


def publish(article, *, user, now=None):
    """Publish a draft or a story ready for desk: readers see it now, or at its
    publish time / embargo end when one is ahead (then the event is "scheduled")."""
    now = now or timezone.now()
    with _locked(article) as stored:
        check_publish(user, stored, article)
        _keep_stored(article, stored, timing=False)
        article.status = Status.PUBLISHED
        article.published_at = article.published_at or now
        article.return_note = ""
        event = _publish_event(article, now)
        comment = "Published." if event == "published" else f"Scheduled: {_when(article)}."
        return _write(article, stored, user=user, comment=comment, event=event, now=now)


KEEP = object()


def schedule(article, *, user, publish_at=KEEP, embargo_until=KEEP, now=None):
    """Set when readers first see a story (publish time ahead, or an embargo).
    A draft or submitted story is published with that time; a scheduled one
    moves to the new time. Shortening an embargo is `lift_embargo`."""
    now = now or timezone.now()
    with _locked(article) as stored:
        publish_at = stored.published_at if publish_at is KEEP else publish_at
        embargo_until = stored.embargo_until if embargo_until is KEEP else embargo_until
        check_schedule(user, stored, publish_at, embargo_until, now)
        if stored.status != Status.PUBLISHED:
            check_publish(user, stored, article)
        _keep_stored(article, stored)
        article.status = Status.PUBLISHED
        article.published_at = publish_at or stored.published_at or now
        article.embargo_until = embargo_until
        article.return_note = ""
        event = _publish_event(article, now)
        return _write(article, stored, user=user, comment=f"Scheduled: {_when(article)}.", event=event, now=now)


def _when(article):
    parts = []
    if article.published_at:
        parts.append(f"publish time {timezone.localtime(article.published_at):%Y-%m-%d %H:%M %Z}")
    if article.embargo_until:
        parts.append(f"embargo until {timezone.localtime(article.embargo_until):%Y-%m-%d %H:%M %Z}")
    return ", ".join(parts) or "now"


def update(article, *, user, what_changed, now=None):
    """New facts on a published story: the version goes up and readers see "Updated …"
    and what changed. The address and wire ID stay."""
    now = now or timezone.now()
    with _locked(article) as stored:
        check_update(user, stored, what_changed)
        _keep_stored(article, stored)
        article.version = stored.version + 1
        article.updated_at = now
        article.update_note = what_changed.strip()
        comment = f"Updated (version {article.version}): {article.update_note}"
        with history.revision(user, comment):
            _record_version(article, user=user)
            return _write(article, stored, user=user, comment=comment, event="updated", now=now)


def _record_version(article, *, user=None):
    """One row per version of a developing story after its first: when it moved
    and what changed (a Correction of kind "update"; the story page's timeline)."""
    Correction.objects.create(
        article=article,
        kind=Correction.Kind.UPDATE,
        text=article.update_note,
        version=article.version,
        created_at=article.updated_at,
        created_by=user,
    )


def wire_note(stored, fields):
    """What a wire version changed, in readers' words (agencies send no such line):
    "Roundup: <headline>" (a new label), "New headline: <headline>" or "Text updated"."""
    new = {name: fields.get(name, getattr(stored, name)) for name in ("headline", "kind", "precedence", "body")}
    label = label_for(new["kind"], new["precedence"])
    if label and label != stored.label:
        note = f"{label}: {new['headline']}"
    elif new["headline"] != stored.headline:
        note = f"New headline: {new['headline']}"
    elif fields.get("body") is not None and fields.get("body") != stored.body:
        note = "Text updated"
    else:
        note = "New version"
    return note if len(note) <= 300 else note[:299] + "…"


def correct(article, *, user, text, kind=Correction.Kind.CORRECTION, now=None):
    """Add a dated correction or clarification readers see under the story; returns it."""
    now = now or timezone.now()
    with _locked(article) as stored:
        check_correct(user, stored, text)
        _keep_stored(article, stored)
        article.updated_at = now
        comment = f"{Correction.Kind(kind).label} added: {text.strip()}"
        with history.revision(user, comment):
            correction = Correction.objects.create(
                article=article, kind=kind, text=text.strip(), created_at=now, created_by=user
            )
            _write(article, stored, user=user, comment=comment, event="corrected", now=now)
        return correction


def withdraw(article, *, user, reason, now=None):
    """Kill a story: it leaves every public surface; its address answers 410 with the reason."""
    now = now or timezone.now()
    with _locked(article) as stored:
        check_withdraw(user, stored, reason)
        _keep_stored(article, stored)
        article.status = Status.WITHDRAWN
        article.withdrawn_reason = reason.strip()
        comment = f"Withdrawn: {article.withdrawn_reason}"
        return _write(article, stored, user=user, comment=comment, event="withdrawn", now=now)


def restore(article, *, user, now=None):
    """Bring a withdrawn story back to readers at its old address."""
    now = now or timezone.now()
    with _locked(article) as stored:
        check_restore(user, stored)
        _keep_stored(article, stored)
        article.status = Status.PUBLISHED
        article.published_at = stored.published_at or now
        article.withdrawn_reason = ""
        return _write(article, stored, user=user, comment="Restored after withdrawal.", event="restored", now=now)


def lift_embargo(article, *, user, now=None):
    """Release an embargoed story now (a Desk chief's move); returns the embargo time it replaced."""
    now = now or timezone.now()
    with _locked(article) as stored:
        check_lift_embargo(user, stored, now)
        _keep_stored(article, stored)
        was = stored.embargo_until
        article.embargo_until = None
        who = user.get_username() if user is not None else "the desk"
        comment = f"Embargo lifted early by {who} (was until {timezone.localtime(was):%Y-%m-%d %H:%M %Z})."
        _write(article, stored, user=user, comment=comment, event="embargo_lifted", now=now)
        return was


@transaction.atomic
def flash(*, user, headline, source, dateline="", now=None):
    """A one-line Flash: published at once, so it tops the ticker straight away."""
    now = now or timezone.now()
    _require(user, "publish_article", "You may not publish stories.")
    _require(user, "add_article", "You may not write stories.")
    _check(bool(headline.strip()), "A Flash needs a headline.")
    article = Article(
        headline=headline.strip(),
        summary=headline.strip(),
        source=source,
        dateline=dateline,
        precedence=Precedence.FLASH,
        urgency=1,
        status=Status.PUBLISHED,
        published_at=now,
        created_by=user,
    )
    return _write(article, None, user=user, comment="Flash moved.", event="published", now=now)


# Wire updates meet desk edits ---------------------------------------------------


def _wire_values(fields):
    """Wire fields as JSON-safe values, by model attribute name."""
    values = {}
    for name, value in fields.items():
        if name == "source":
            name, value = "source_id", value.pk
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        values[name] = value
    return values


def _from_wire_values(values):
    from datetime import datetime

    out = dict(values)
    if out.get("embargo_until"):
        out["embargo_until"] = datetime.fromisoformat(out["embargo_until"])
    return out


def _set_bylines(article, bylines):
    """Credit the story's bylines in order: names, or (from the wire) dicts with
    name, role and affiliation. A byline already on file is reused by name."""
    ArticleByline.objects.filter(article=article).delete()
    ArticleByline.objects.bulk_create(
        ArticleByline(article=article, byline=find_byline(entry, article.source), position=position)
        for position, entry in enumerate(bylines)
    )


def find_byline(entry, source):
    """The byline on file with the entry's name (any case), else a new one with its role and affiliation."""
    entry = {"name": entry} if isinstance(entry, str) else entry
    name = entry["name"]
    return Byline.objects.filter(name__iexact=name).first() or Byline.objects.create(
        name=name,
        slug=unique_slug(Byline, name, 50),
        source=source,
        role=entry.get("role", "")[:60],
        affiliation=entry.get("affiliation", ""),
    )


def wire_create(article, *, bylines=(), tags=(), now=None, batch=None):
    """Save a story the wire moved for the first time. `article` is unsaved, with
    its guid, version, status, times and (for a kill) withdrawn_reason set.

    `batch` (wire ingest's, `wire.services.Batch`) takes the credits, tags and
    revision and writes them once for a whole batch of stories; the move is the same."""
    now = now or timezone.now()
    if article.status == Status.PUBLISHED:
        event = _publish_event(article, now)
    else:
        event = "withdrawn" if article.status == Status.WITHDRAWN else "created"
    comment = f"Wire: version {article.version} moved."
    if batch is not None:
        _write(article, None, user=None, comment=comment, event=event, now=now, revisions=batch.revisions)
        batch.credit(article, bylines)
        batch.tag(article, tags)
        return article
    with transaction.atomic():
        _write(article, None, user=None, comment=comment, event=event, now=now)
        _set_bylines(article, bylines)
        article.tags.set(list(tags))
    return article


def wire_update(
    article, fields, *, version, version_created=None, status=Status.PUBLISHED, bylines=(), tags=(), now=None
):
    """A newer version from the wire. A story the desk has not touched takes it
    (returns "updated"); one the desk has edited since keeps its text live and the
    version waits as a WireUpdate for an editor (returns "held"; "unchanged" when
    that version is already waiting)."""
    now = now or timezone.now()
    with _locked(article) as stored:
        if stored.desk_edited_at is not None:
            waiting = WireUpdate.objects.filter(article=stored).first()
            if waiting is not None and waiting.version >= version:
                return "unchanged"
            WireUpdate.objects.update_or_create(
                article=stored,
                defaults={
                    "version": version,
                    "fields": _wire_values(fields),
                    "tags": list(tags),
                    "bylines": list(bylines),
                    "version_created": version_created,
                    "received_at": now,
                },
            )
            return "held"
        note = wire_note(stored, fields)
        for name, value in fields.items():
            setattr(stored, name, value)
        stored.version = version
        stored.updated_at = version_created or now
        if status != Status.WITHDRAWN:
            stored.status = status
        event = _publish_event(stored, now) if stored.status == Status.PUBLISHED else "edited"
        if event == "published" and stored.version > 1:
            event = "updated"
        if event == "updated":
            stored.update_note = note
            _record_version(stored)
        _write(stored, None, user=None, comment=f"Wire: version {version} moved.", event=event, now=now, log=False)
        WireUpdate.objects.filter(article=stored).delete()
        _set_bylines(stored, bylines)
        stored.tags.set(list(tags))
        _copy(stored, article)
        return "updated"


def wire_kill(article, *, reason, version=None, version_created=None, now=None):
    """The agency killed the story: it is always withdrawn, with the agency's reason,
    whatever the desk did to it. A wire update waiting for it is dropped."""
    now = now or timezone.now()
    with _locked(article) as stored:
        stored.status = Status.WITHDRAWN
        stored.withdrawn_reason = reason
        stored.version = version if version is not None else stored.version + 1
        stored.updated_at = version_created or now
        _write(stored, None, user=None, comment=f"Wire: killed. {reason}", event="withdrawn", now=now, log=False)
        WireUpdate.objects.filter(article=stored).delete()
        _copy(stored, article)
        return article


def _copy(source, target):
    if source is not target:
        for field in Article._meta.concrete_fields:
            setattr(target, field.attname, getattr(source, field.attname))


def wire_update_changes(article):
    """Field by field, how the waiting wire version differs from the live story."""
    pending = article.wire_update
    return history.diff_fields(history.live_fields(article), {**history.live_fields(article), **pending.fields})


def _check_wire_update(user, stored):
    _require(user, "correct_article", "You may not take wire updates.")
    _check(WireUpdate.objects.filter(article=stored).exists(), "No wire update is waiting for this story.")


def take_wire_update(article, *, user, fields=None, now=None):
    """Take the waiting wire version: all its fields (`fields=None`) or only the
    named ones, the desk's text kept for the rest (a merge)."""
    now = now or timezone.now()
    with _locked(article) as stored:
        _check_wire_update(user, stored)
        pending = stored.wire_update
        incoming = _from_wire_values(pending.fields)
        chosen = list(incoming) if fields is None else [name for name in fields if name in incoming]
        _check(bool(chosen), "Choose at least one field to take from the wire.")
        note = wire_note(stored, {name: incoming[name] for name in chosen})
        for name in chosen:
            setattr(stored, name, incoming[name])
        grew = pending.version > stored.version
        stored.version = max(stored.version, pending.version)
        stored.updated_at = pending.version_created or now
        if grew and stored.status == Status.PUBLISHED and _publish_event(stored, now) == "published":
            stored.update_note = note
            _record_version(stored, user=user)
        whole = fields is None or set(chosen) == set(incoming)
        what = "Took" if whole else f"Merged ({', '.join(chosen)}) from"
        comment = f"{what} wire version {pending.version}."
        _write(stored, stored, user=user, comment=comment, event="updated", now=now)
        stored.desk_edited_at = None if whole else now
        Article.objects.filter(pk=stored.pk).update(desk_edited_at=stored.desk_edited_at)
        if whole:
            _set_bylines(stored, pending.bylines)
            stored.tags.set(pending.tags)
        pending.delete()
        _copy(stored, article)
        return article


def merge_wire_update(article, *, user, fields, now=None):
    """Take only the chosen fields of the waiting wire version."""
    return take_wire_update(article, user=user, fields=list(fields), now=now)


def dismiss_wire_update(article, *, user, now=None):
    """Keep the desk's text and drop the waiting wire version (its version number
    is recorded so the same version does not wait again)."""
    now = now or timezone.now()
    with _locked(article) as stored:
        _check_wire_update(user, stored)
        pending = stored.wire_update
        stored.version = max(stored.version, pending.version)
        comment = f"Dismissed wire version {pending.version}; the desk's text stays."
        _write(stored, stored, user=user, comment=comment, event="edited", now=now)
        pending.delete()
        _copy(stored, article)
        return article


# What the desk sees ------------------------------------------------------------


# The one way the desk's pages write a time: "Dec 04, 06:00", in the desk's time zone.
DESK_TIME = "%b %d, %H:%M"


def desk_time(when):
    return f"{timezone.localtime(when):{DESK_TIME}}"


def badge(article, now=None):
    """The state as the desk reads it: (css modifier, text)."""
    now = now or timezone.now()
    if article.status == Status.WITHDRAWN:
        return "withdrawn", "Withdrawn"
    if article.status == Status.SUBMITTED:
        return "submitted", "Ready for desk"
    if article.status == Status.DRAFT:
        return ("returned", "Returned to reporter") if article.return_note else ("draft", "Draft")
    if _ahead(article.published_at, now):
        return "scheduled", f"Scheduled for {desk_time(article.published_at)}"
    if _ahead(article.embargo_until, now):
        return "embargoed", f"Embargoed until {desk_time(article.embargo_until)}"
    if article.updated_at:
        return "updated", "Updated"
    return "published", "Published"
