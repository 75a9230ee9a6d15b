"""What the "Off the wire" ticker shows: pinned entries first, then the newest
published stories, minus those the desk keeps off it. Written once, used by the
home page, every story page, and (later) the JSON and the widget."""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .models import Article, Kind, Precedence, Ticker, TickerEntry, label_for

DEFAULT_SLUG = "off-the-wire"


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


def get_ticker(now=None, limit=None, slug=DEFAULT_SLUG):
    """The ticker's title and items, in three queries whatever the data size:
    the ticker row, its active entries (with their stories), the newest stories."""
    now = now or timezone.now()
    ticker = Ticker.objects.filter(slug=slug).first()
    title = ticker.title if ticker else "Off the wire"
    size = limit or (ticker.size if ticker else settings.TICKER_SIZE)

    entries = []
    if ticker:
        entries = list(
            TickerEntry.objects.active(now)
            .filter(ticker=ticker)
            .filter(Q(article__isnull=True) | Q(article__in=Article.objects.published(now)))
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
    ][:size]
    skip = hidden | {e.article_id for e in pins if e.article_id}
    if len(items) < size:
        latest = (
            Article.objects.published(now)
            .exclude(id__in=skip)
            .newest_first()
            .only("headline", "slug", "kind", "precedence", "published_at", "created_at")
        )[: size - len(items)]
        items += [TickerItem.from_article(a) for a in latest]
    return TickerView(title=title, items=items)
