"""The next moment readers' pages change on their own, with no one saving
anything: a scheduled story's publish time, an embargo's end, a ticker entry's
start or expiry, the home page's Flash banner growing too old (articles/live.py).
No cached page lives past it, so a scheduled story appears on time with no job
running.

The moment is worked out with four small indexed queries and kept in the
page cache until it passes or a change to a story's schedule or a ticker entry
bumps the "moments" key.
"""

from datetime import UTC, datetime

from django.db.models import Min, Q

from . import store


def next_moment(now):
    """The next such moment after `now` (a timestamp), or None."""
    return store.remembered("moments", "moments", lambda: _compute(now), now)


def _compute(now):
    from articles.live import FLASH_WINDOW, current_flash
    from articles.models import Article, Status, TickerEntry

    when = datetime.fromtimestamp(now, tz=UTC)
    published = Article.objects.filter(status=Status.PUBLISHED)
    candidates = [
        published.filter(published_at__gt=when).aggregate(at=Min("published_at"))["at"],
        published.filter(embargo_until__gt=when).aggregate(at=Min("embargo_until"))["at"],
        *TickerEntry.objects.aggregate(
            starts=Min("starts_at", filter=_after("starts_at", when)),
            expires=Min("expires_at", filter=_after("expires_at", when)),
        ).values(),
        _flash_leaves(current_flash(when), FLASH_WINDOW),
    ]
    upcoming = [moment.timestamp() for moment in candidates if moment is not None]
    return min(upcoming) if upcoming else None


def _flash_leaves(flash, window):
    return flash.published_at + window if flash is not None else None


def _after(field, when):
    return Q(**{f"{field}__gt": when})
