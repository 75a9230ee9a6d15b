"""What the "Off the wire" ticker shows: pinned entries first, then the newest
published stories, minus those the desk keeps off it. Written once, used by the
home page, every story page, /ticker.json and the widget.

The ticker is on every reader page, so get_ticker() keeps what it found in the
page cache's store, shared by every worker (CACHE_KEY) instead of asking the database each time:
- any save or delete of a story, ticker or ticker entry clears it at once
  (clear_cached_ticker, connected below), and so does `story_changed`;
- time changes it too (a scheduled story or an embargo falling due, an entry
  starting or expiring): an entry never outlives the next such moment;
- and never TICKER_CACHE_SECONDS, so a change made behind the ORM's back (a
  queryset update()) or a cache that is not shared shows within that time.
"""

import time
from dataclasses import dataclass, replace
from datetime import datetime

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models import Min, OuterRef, Q, Subquery
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Article, Kind, Precedence, Status, Ticker, TickerEntry, label_for, published_q
from .signals import once, shared, story_changed

DEFAULT_SLUG = "off-the-wire"
MAX_ITEMS = 50  # the most any reader of the ticker asks for (/ticker.json?limit=)
CACHE_KEY = "newsdesk:ticker:{slug}"
HTML_KEY = "newsdesk:ticker-html:{slug}"


@dataclass(frozen=True)
class TickerItem:
    kind: str
    precedence: str
    headline: str
    url: str
    published: datetime | None
    pinned: bool = False

    @property
    def label(self):
        return label_for(self.kind, self.precedence)

    @classmethod
    def from_article(cls, article, pinned=False):
        return cls(
            kind=article.kind,
            precedence=article.precedence,
            headline=article.headline,
            url=article.get_absolute_url(),
            published=article.published_at,
            pinned=pinned,
        )


@dataclass(frozen=True)
class TickerView:
    title: str
    items: list


@dataclass(frozen=True)
class _Found:
    """What the database said, as cached: the first MAX_ITEMS items, and the ticker's own size."""

    title: str
    size: int
    items: list
    changes_at: datetime | None = None
    expires: float = 0  # time.time() when it stops being true (or TICKER_CACHE_SECONDS is up)


def get_ticker(now=None, limit=None, slug=DEFAULT_SLUG):
    """The ticker's title and items (at most `limit`, else the ticker's size).

    Without `now`: from the cache when it holds the ticker (no query), else in
    three queries whatever the data size. With `now` (tests, previews of a moment): straight from the database."""
    found = _find(now, slug) if now is not None else _cached(slug)
    return TickerView(title=found.title, items=found.items[: limit or found.size])


def _store():
    """The page cache's store: shared by every worker and app server (Redis, or
    files on the embedded default), so a ticker cleared by one is cleared for all."""
    return caches["pages"]


def _key(template, slug):
    return getattr(settings, "PAGE_CACHE_NAMESPACE", "") + template.format(slug=slug)


def _cached(slug):
    cache = _store()
    key = _key(CACHE_KEY, slug)
    found = cache.get(key)
    now = timezone.now()
    if found is not None and found.changes_at is not None and found.changes_at <= now:
        found = None  # time has changed it (a clock ahead of the cache's own expiry)
    if found is None:
        found = _find(now, slug)
        lifetime = _lifetime(found, now)
        found = replace(found, expires=time.time() + lifetime)
        cache.set(key, found, lifetime)
    return found


def ticker_html(slug=DEFAULT_SLUG):
    """The ticker as every reader page shows it (includes/ticker.html), kept in the
    cache beside what it shows and cleared with it: most pages render no ticker."""
    cache = _store()
    key = _key(HTML_KEY, slug)
    entry = cache.get(key)  # (html, the moment time changes it)
    if entry is not None and entry[1] is not None and entry[1] <= timezone.now():
        entry = None
    if entry is None:
        found = _cached(slug)
        ticker = TickerView(title=found.title, items=found.items[: found.size])
        context = {"ticker": ticker, "refresh_seconds": settings.TICKER_REFRESH_SECONDS}
        entry = (render_to_string("includes/ticker.html", context), found.changes_at)
        cache.set(key, entry, max(1, int(found.expires - time.time())))
    return entry[0]


def _find(now, slug):
    """What the database says, in three queries: the ticker row (with when time
    next changes it), its active entries with their stories, the newest stories."""
    ticker = Ticker.objects.filter(slug=slug).annotate(**_next_changes(now)).first()
    if ticker:
        title, size, moments = ticker.title, ticker.size, [getattr(ticker, name) for name in _next_changes(now)]
    else:
        title, size = "Off the wire", settings.TICKER_SIZE
        moments = (
            Article.objects.filter(status=Status.PUBLISHED)
            .aggregate(
                story=Min("published_at", filter=Q(published_at__gt=now)),
                embargo=Min("embargo_until", filter=Q(embargo_until__gt=now)),
            )
            .values()
        )

    entries = []
    if ticker:
        # The stories' rule as a join (never `article__in=<every published id>`).
        entries = list(
            TickerEntry.objects.active(now)
            .filter(ticker=ticker)
            .filter(Q(article__isnull=True) | published_q(now, prefix="article__"))
            .select_related("article")
        )
    hidden = {e.article_id for e in entries if e.action == TickerEntry.Action.HIDE}
    pins = [e for e in entries if e.action == TickerEntry.Action.PIN]
    items = [
        TickerItem.from_article(e.article, pinned=True)
        if e.article_id
        else TickerItem(
            kind=e.kind or Kind.NEWS,
            precedence=e.precedence or Precedence.ROUTINE,
            headline=e.headline,
            url=e.url,
            published=e.starts_at,
            pinned=True,
        )
        for e in pins
    ][:MAX_ITEMS]
    skip = hidden | {e.article_id for e in pins if e.article_id}
    if len(items) < MAX_ITEMS:
        latest = (
            Article.objects.published(now)
            .exclude(id__in=skip)
            .newest_first()
            .only("headline", "slug", "kind", "precedence", "published_at", "created_at")
        )[: MAX_ITEMS - len(items)]
        items += [TickerItem.from_article(a) for a in latest]
    changes = [moment for moment in moments if moment is not None]
    return _Found(title=title, size=size, items=items, changes_at=min(changes) if changes else None)


def _next_changes(now):
    """The next moments at which time alone changes the ticker: a scheduled story or
    an embargo falling due, one of its entries starting or expiring."""
    stories = Article.objects.filter(status=Status.PUBLISHED)
    entries = TickerEntry.objects.filter(ticker=OuterRef("pk"))

    def first(queryset, field):
        return Subquery(queryset.filter(**{f"{field}__gt": now}).order_by(field).values(field)[:1])

    return {
        "story_due": first(stories, "published_at"),
        "embargo_due": first(stories, "embargo_until"),
        "entry_starts": first(entries, "starts_at"),
        "entry_expires": first(entries, "expires_at"),
    }


def _lifetime(found, now):
    """Seconds the found ticker stays true: TICKER_CACHE_SECONDS, or less when time
    changes it sooner."""
    seconds = settings.TICKER_CACHE_SECONDS
    if found.changes_at is not None:
        seconds = min(seconds, (found.changes_at - now).total_seconds())
    return max(1, int(seconds))


def clear_cached_ticker(**kwargs):
    """Forget every cached ticker now and again after the transaction commits (so a
    request that read the old rows meanwhile cannot leave them cached)."""
    slugs = shared("ticker.slugs", lambda: {DEFAULT_SLUG, *Ticker.objects.values_list("slug", flat=True)})
    keys = [_key(template, slug) for slug in slugs for template in (CACHE_KEY, HTML_KEY)]
    cache = _store()
    # In a batch of moves (a wire batch), once before its commit and once after are enough.
    if once("ticker.clear"):
        cache.delete_many(keys)
    transaction.on_commit(lambda: once("ticker.clear-after-commit") and cache.delete_many(keys))


for model in (Article, Ticker, TickerEntry):
    post_save.connect(clear_cached_ticker, sender=model, dispatch_uid=f"ticker-save-{model.__name__}")
    post_delete.connect(clear_cached_ticker, sender=model, dispatch_uid=f"ticker-delete-{model.__name__}")
receiver(story_changed, dispatch_uid="ticker-story-changed")(clear_cached_ticker)
