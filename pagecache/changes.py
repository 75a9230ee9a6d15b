"""What a change touches: saves, deletes and `story_changed` become the keys
to bump (docs/caching.md, "What a change clears").

Receivers only note keys; the bump (and the Varnish purge) happens after the
transaction commits, once for everything the transaction touched, so a save
that rolls back clears nothing and a reader never re-caches what is about to
change. A story that readers could not see before the change and cannot see
after it (a draft, a withdrawn story) clears nothing, unless it is scheduled:
then pages must be drawn again to learn the new moment they expire.
"""

import logging
import threading
from contextlib import contextmanager

from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete, pre_save
from django.utils import timezone

from articles.signals import story_changed

from . import purge, store
from .shown import WHOLE

log = logging.getLogger(__name__)

# Article fields whose change moves a story into or out of a list, or changes
# how lists and the ticker show it.
LISTED = ("status", "published_at", "embargo_until", "kind", "source_id", "headline", "slug", "precedence")
# The pages listing the newest stories site-wide.
LISTS = {"home", "ticker", "feed", "sitemap"}
SITE = "site"  # every cached page shows it: bumping it clears them all

_pending = threading.local()


def invalidate(names, stories=()):
    """Clear every cached page showing any of `names` once the current
    transaction commits (at once outside one). `stories` are story ids whose
    tags' and bylines' keys join them."""
    batch = getattr(_pending, "batch", None)
    if batch is None:
        batch = _pending.batch = (set(), set())
    batch[0].update(names)
    batch[1].update(stories)
    if getattr(_pending, "held", 0):
        return  # held(): one flush when the hold ends
    # Every receiver registers a flush; the first to run after commit takes
    # the whole batch, the others find it empty.
    transaction.on_commit(_flush, robust=True)


@contextmanager
def held():
    """Clear once, when the block ends (after its transactions commit), for
    everything invalidated inside: a batch of wire stories and the signals sent
    after its commit bump each key once instead of once per story."""
    _pending.held = getattr(_pending, "held", 0) + 1
    try:
        yield
    finally:
        _pending.held -= 1
        if not _pending.held:
            transaction.on_commit(_flush, robust=True)  # at once, unless still inside a transaction


def invalidate_everything():
    """For bulk loads that bypass model signals (bulk_create, update())."""
    invalidate({SITE})


def _flush():
    batch = getattr(_pending, "batch", None)
    _pending.batch = None
    if not batch:
        return
    names, stories = batch
    try:
        if stories:
            names = names | _tags_and_bylines(stories)
        names = names | {WHOLE[name.partition("-")[0]] for name in names if name.partition("-")[0] in WHOLE}
        store.bump(names)
    except Exception:  # the cache is down: the save stands; pages expire on their own
        log.exception("Could not clear cached pages for %s", sorted(names))
    purge.send(names)


def _tags_and_bylines(story_ids):
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import TaggedItem

    from articles.models import Article, ArticleByline

    story_type = ContentType.objects.get_for_model(Article)
    tags = TaggedItem.objects.filter(content_type=story_type, object_id__in=story_ids).values_list("tag_id", flat=True)
    bylines = ArticleByline.objects.filter(article_id__in=story_ids).values_list("byline_id", flat=True)
    return {f"tag-{pk}" for pk in tags} | {f"byline-{pk}" for pk in bylines}


# Stories


def _seen(fields, now):
    """(readers see it now, readers will see it later) for a story's LISTED fields."""
    if fields is None or fields["status"] != "published":
        return False, False
    pending = [moment for moment in (fields["published_at"], fields["embargo_until"]) if moment and moment > now]
    return not pending, bool(pending)


def _story_lists(fields):
    return LISTS | {f"kind-{fields['kind']}", f"source-{fields['source_id']}"}


def story_saving(sender, instance, raw=False, **kwargs):
    if instance.pk and not raw:
        instance._pagecache_before = sender.objects.filter(pk=instance.pk).values(*LISTED).first()


def story_saved(sender, instance, created, raw=False, **kwargs):
    before = instance.__dict__.pop("_pagecache_before", None)
    after = {field: getattr(instance, field) for field in LISTED}
    now = timezone.now()
    was_seen, was_due = _seen(before, now)
    is_seen, is_due = _seen(after, now)
    if not (was_seen or is_seen or was_due or is_due):
        return  # readers never saw it and never will as it stands: nothing to clear
    # Its tags' and bylines' keys are read after commit: a wire update may
    # replace its bylines with bulk_create(), which sends no signal.
    names, stories = {f"story-{instance.pk}"}, {instance.pk}
    if before is None or any(before[field] != after[field] for field in LISTED):
        names |= _story_lists(after) | (_story_lists(before) if before else set())
    if was_due or is_due:
        names.add("moments")
    invalidate(names, stories)


def story_deleting(sender, instance, **kwargs):
    fields = {field: getattr(instance, field) for field in LISTED}
    seen, due = _seen(fields, timezone.now())
    if seen or due:
        # Its tags and bylines are read now: they are deleted with it.
        invalidate({f"story-{instance.pk}", "moments"} | _story_lists(fields) | _tags_and_bylines({instance.pk}))


def story_moved(sender, article, event=None, **kwargs):
    """articles.workflow's announcement of a desk move (sent after commit).
    The model signals have cleared what it touched already; this is the
    second road, for a move made some way that sends no model signal."""
    if article.pk is None:  # deleted: story_deleting has seen to it
        return
    fields = {field: getattr(article, field) for field in LISTED}
    seen, due = _seen(fields, timezone.now())
    if not (seen or due or event == "withdrawn"):
        return  # a draft sent to the desk or back: readers see no difference
    invalidate({f"story-{article.pk}", "moments"} | _story_lists(fields), {article.pk})


# Everything else readers see


def _on_change(model, keys):
    """Connect save and delete of `model` to invalidate(keys(instance))."""

    def changed(sender, instance, raw=False, **kwargs):
        names = keys(instance)
        if names:
            invalidate(names)

    for signal in (post_save, post_delete):
        signal.connect(changed, sender=model, weak=False, dispatch_uid=f"pagecache-{model._meta.label}-{signal}")


def _tagged_story(item):
    from django.contrib.contenttypes.models import ContentType

    from articles.models import Article

    if item.content_type_id == ContentType.objects.get_for_model(Article).pk:
        return {f"story-{item.object_id}", f"tag-{item.tag_id}"}
    return set()


def connect():
    from taggit.models import Tag, TaggedItem

    from articles.models import Article, ArticleByline, Byline, Correction, Source, Ticker, TickerEntry
    from photos.models import Image, StoryPhoto

    from .apps import PageCacheConfig

    pre_save.connect(story_saving, sender=Article, dispatch_uid="pagecache-story-saving")
    post_save.connect(story_saved, sender=Article, dispatch_uid="pagecache-story-saved")
    pre_delete.connect(story_deleting, sender=Article, dispatch_uid="pagecache-story-deleting")
    story_changed.connect(story_moved, dispatch_uid="pagecache-story-moved")

    _on_change(ArticleByline, lambda credit: {f"story-{credit.article_id}", f"byline-{credit.byline_id}"})
    _on_change(Correction, lambda correction: {f"story-{correction.article_id}"})
    _on_change(StoryPhoto, lambda used: {f"story-{used.article_id}", f"photo-{used.image_id}"})
    _on_change(Image, lambda photo: {f"photo-{photo.pk}"})
    _on_change(Source, lambda source: {f"source-{source.pk}", "sitemap"})  # "indexable" decides sitemap entries
    _on_change(Byline, lambda byline: {f"byline-{byline.pk}"})
    _on_change(Tag, lambda tag: {f"tag-{tag.pk}"})
    _on_change(TaggedItem, _tagged_story)
    _on_change(Ticker, lambda ticker: {"ticker"})
    _on_change(TickerEntry, lambda entry: {"ticker", "moments"})
    # A migration may change anything: start afresh.
    post_migrate.connect(lambda **kwargs: invalidate_everything(), sender=PageCacheConfig, weak=False)
