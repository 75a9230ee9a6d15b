"""Story history with django-reversion: one revision per save, with who, when
and a comment. Any code that changes stories (admin, services, wire ingest)
wraps its writes in `revision(user, comment)`, so the desk can see and undo them."""

import difflib
import json
from contextlib import contextmanager

import reversion
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.html import escape
from django.utils.safestring import mark_safe
from reversion.models import Revision, Version
from reversion.revisions import _get_content_type, _get_options

from .models import Article, ArticleByline, Correction

# Fields readers or editors care about, in the order the diff lists them.
DIFF_FIELDS = [
    "headline",
    "kind",
    "precedence",
    "dateline",
    "summary",
    "body",
    "source_id",
    "language",
    "status",
    "published_at",
    "embargo_until",
    "updated_at",
    "update_note",
    "withdrawn_reason",
    "version",
    "urgency",
    "slug",
    "slugline",
    "editors_note",
]

if not reversion.is_registered(Article):
    reversion.register(Article, follow=["credits"])
    reversion.register(ArticleByline)
    reversion.register(Correction)


@contextmanager
def revision(user=None, comment=""):
    """Record every registered model saved inside as one revision by `user`.

    Nested inside another revision (an admin save, a wire ingest), it adds to
    that one, and its comment follows the outer one's.
    """
    if reversion.is_active():
        if comment:
            reversion.set_comment(joined(reversion.get_comment(), comment))
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        yield
        return
    with reversion.create_revision():
        if user is not None and user.is_authenticated:
            reversion.set_user(user)
        reversion.set_comment(comment)
        yield


def joined(outer, comment):
    """An inner revision comment after the outer one's: "Wire ingest (ninjs, version 2): Wire: version 2 moved." """
    if not outer or outer == comment:
        return comment
    return f"{outer} {comment}" if outer.endswith(".") else f"{outer}: {comment}"


class RevisionBatch:
    """Revisions noted one by one and written together: two INSERTs for a whole
    batch of wire stories instead of a reversion revision (four statements and
    the reads that follow relations) per story.

    Each noted story gets its own revision (its comment, no user), holding the
    story and its byline credits, serialized as django-reversion does for a
    revision it records itself, so the story's history lists it and restoring
    it works the same. Write after the credits are saved, inside the
    transaction that saved the stories.
    """

    def __init__(self):
        self.pending = []  # (story, comment, date)
        self.outer = ""  # the comment of what wraps the next move, as revision() nests them

    def add(self, article, comment):
        self.pending.append((article, joined(self.outer, comment), timezone.now()))

    def __len__(self):
        return len(self.pending)

    def truncate(self, size):
        del self.pending[size:]

    def write(self, credits):
        """Write every noted revision; `credits` maps a story's pk to its saved ArticleBylines."""
        if not self.pending:
            return
        revisions = [Revision(date_created=date, user=None, comment=comment) for _, comment, date in self.pending]
        if connection.features.can_return_rows_from_bulk_insert:
            Revision.objects.bulk_create(revisions)
        else:  # pragma: no cover -- every backend we run (PostgreSQL, SQLite 3.35+) returns ids
            for revision in revisions:
                revision.save()
        pairs = [
            (obj, revision)
            for (article, _, _), revision in zip(self.pending, revisions, strict=True)
            for obj in (article, *credits.get(article.pk, ()))
        ]
        Version.objects.bulk_create(_versions(pairs))
        self.pending = []


def _versions(pairs):
    """The Version rows reversion's add_to_revision() makes for each (object, revision):
    the same options and the same JSON, serialized with one call per model."""
    by_model = {}
    for obj, revision in pairs:
        by_model.setdefault(type(obj), []).append((obj, revision))
    versions = []
    for model, group in by_model.items():
        options = _get_options(model)
        if options.format != "json":  # pragma: no cover -- every model we register uses reversion's default
            raise ValueError(f"{model.__name__} is registered with format {options.format!r}")
        content_type = _get_content_type(model, connection.alias)
        data = serializers.serialize(
            "python",
            [obj for obj, _ in group],
            fields=options.fields,
            use_natural_foreign_keys=options.use_natural_foreign_keys,
        )
        versions += [
            Version(
                revision=revision,
                content_type=content_type,
                object_id=force_str(getattr(obj, options.object_id_field)),
                db=connection.alias,
                format="json",
                serialized_data=json.dumps([fields], cls=DjangoJSONEncoder),  # as serializers.serialize("json", [obj])
                object_repr=force_str(obj),
            )
            for (obj, revision), fields in zip(group, data, strict=True)
        ]
    return versions


def versions_of(article):
    """The story's saved versions, oldest first, with who saved them."""
    return Version.objects.get_for_object(article).select_related("revision__user").order_by("pk")


def field_label(name):
    field = Article._meta.get_field(name.removesuffix("_id"))
    return str(field.verbose_name)


def _display(name, value):
    if value is None or value == "":
        return ""
    if name == "source_id":
        from .models import Source

        source = Source.objects.filter(pk=value).first()
        return source.name if source else str(value)
    return str(value)


def diff_fields(old, new):
    """Field-by-field changes between two field dicts (from Version.field_dict or
    a live story): a list of (label, html) with deletions and insertions marked."""
    changes = []
    for name in DIFF_FIELDS:
        before, after = _display(name, old.get(name)), _display(name, new.get(name))
        if before != after:
            changes.append((field_label(name), inline_diff(before, after)))
    return changes


def inline_diff(before, after):
    """Word-level diff as escaped HTML with <del> and <ins>."""
    a, b = before.split(" "), after.split(" ")
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return mark_safe(" ".join(parts))  # noqa: S308 -- every piece of text is escaped above


def live_fields(article):
    return {name: getattr(article, name) for name in DIFF_FIELDS}


def version_matching(article, modified_at):
    """The saved version whose modified time is `modified_at` (what an editor
    loaded), or None when that state was never recorded."""
    # Reversion stores times as JSON, to the millisecond.
    wanted = modified_at.replace(microsecond=modified_at.microsecond // 1000 * 1000)
    for version in versions_of(article).reverse()[:50]:
        if version.field_dict.get("modified_at") == wanted:
            return version
    return None
