"""Small helpers that make test data with sensible defaults."""

from datetime import timedelta
from itertools import count

from django.utils import timezone

from articles.models import Article, ArticleByline, Byline, Source, Status, Ticker, TickerEntry

_n = count(1)


def make_source(**overrides):
    n = next(_n)
    fields = {"name": f"Agency {n}", "slug": f"agency-{n}", "credit": f"Agency{n}", "end_marker": "Enditem"}
    return Source.objects.create(**(fields | overrides))


def xinhua():
    source, _ = Source.objects.get_or_create(
        slug="xinhua", defaults={"name": "Xinhua News Agency", "credit": "Xinhua", "position": 0}
    )
    return source


def make_byline(**overrides):
    n = next(_n)
    fields = {"name": f"Reporter {n}", "slug": f"reporter-{n}", "role": "Correspondent"}
    return Byline.objects.create(**(fields | overrides))


def make_article(bylines=(), tags=(), **overrides):
    """A published story from Xinhua, an hour old, unless overridden."""
    n = next(_n)
    fields = {
        "headline": f"Story number {n} moves on the wire",
        "summary": f"Summary of story {n}.",
        "body": f"<p>Body of story {n}.</p>",
        "source": overrides.pop("source", None) or xinhua(),
        "status": Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(hours=1),
    }
    article = Article.objects.create(**(fields | overrides))
    for position, byline in enumerate(bylines):
        ArticleByline.objects.create(article=article, byline=byline, position=position)
    if tags:
        article.tags.add(*tags)
    return article


def make_ticker(**overrides):
    ticker, _ = Ticker.objects.get_or_create(slug="off-the-wire", defaults=overrides)
    return ticker


def pin(article=None, **overrides):
    return TickerEntry.objects.create(ticker=make_ticker(), article=article, **overrides)
