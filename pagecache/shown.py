"""What a page shows, recorded while it is drawn: its surrogate keys.

While the middleware draws a cacheable page, every story, source, byline, tag,
photo and ticker row loaded from the database adds its key ("story-42",
"source-3", "ticker", …). Nothing in the views has to list them, so a page
cannot forget one. A page that shows more than MANY objects of one type (a
sitemap) depends on that type as a whole instead ("stories"), which every
change to any object of that type bumps.
"""

from contextvars import ContextVar

from django.db.models.signals import post_init

MANY = 64

# type prefix -> the key standing for all objects of that type
WHOLE = {"story": "stories", "source": "sources", "byline": "bylines", "tag": "tags", "photo": "photos"}

_keys = ContextVar("pagecache_shown", default=None)


def start():
    """Begin recording for the current request; returns a token for stop()."""
    return _keys.set(set())


def stop(token):
    """End recording; returns the keys the page showed."""
    keys = _keys.get()
    _keys.reset(token)
    return condense(keys or set())


def condense(keys):
    counts = {}
    for key in keys:
        kind = key.partition("-")[0]
        counts[kind] = counts.get(kind, 0) + 1
    crowded = {kind for kind, n in counts.items() if n > MANY and kind in WHOLE}
    if not crowded:
        return keys
    return {k for k in keys if k.partition("-")[0] not in crowded} | {WHOLE[kind] for kind in crowded}


def _recorder(template):
    def record(sender, instance, **kwargs):
        keys = _keys.get()
        if keys is not None and instance.pk is not None:
            keys.add(template % instance.pk if "%" in template else template)

    return record


def connect():
    from taggit.models import Tag

    from articles.models import Article, Byline, Source, Ticker, TickerEntry
    from photos.models import Image

    for model, template in [
        (Article, "story-%s"),
        (Source, "source-%s"),
        (Byline, "byline-%s"),
        (Tag, "tag-%s"),
        (Image, "photo-%s"),
        (Ticker, "ticker"),
        (TickerEntry, "ticker"),
    ]:
        post_init.connect(_recorder(template), sender=model, weak=False, dispatch_uid=f"pagecache-shown-{template}")
