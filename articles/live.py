"""Developing stories for open pages: what an article page and the home page
ask every TICKER_REFRESH_SECONDS to learn of a new version or a new Flash
without a reload (views_live.py answers, static/js/live.js asks; docs/readers.md).

- `current_flash(now)`: the Flash or Urgent the home page's banner shows;
- `story_state(article, request)` and `home_state(flash, request)`: the JSON
  answers, plain dicts.
"""

from datetime import UTC, timedelta

from django.template.loader import render_to_string
from django.utils import timezone

from .models import Article, Precedence

FLASH_HOURS = 1  # a Flash or Urgent leads the home page this long after it moved
BREAKING = (Precedence.FLASH, Precedence.URGENT)  # the precedences a banner shows
FLASH_WINDOW = timedelta(hours=FLASH_HOURS)
FLASH_FIELDS = ("headline", "slug", "kind", "precedence", "published_at", "created_at")


def current_flash(now=None):
    """The newest published Flash or Urgent under FLASH_HOURS old, or None.
    One query, on the (status, published_at) index: it reads only the last hour."""
    now = now or timezone.now()
    stories = Article.objects.published(now).filter(precedence__in=BREAKING, published_at__gt=now - FLASH_WINDOW)
    return stories.newest_first().only(*FLASH_FIELDS).first()


def iso(moment):
    """A time as JSON and <time datetime> carry it: UTC, to the second."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def clock(moment):
    """A time as the notices say it: 14:32, in the desk's time zone."""
    return f"{timezone.localtime(moment):%H:%M}" if moment else ""


def story_state(article, request):
    """What an open article page needs to know: is there a newer version, and
    what changed. The page fetches its own URL for the new text (it is cached)."""
    return {
        "id": article.pk,
        "status": "published",
        "version": article.version,
        "updated": iso(article.updated_at),
        "updated_time": clock(article.updated_at),
        "note": article.update_note,
        "headline": article.labelled_headline,
        "url": request.build_absolute_uri(article.get_absolute_url()),
    }


def withdrawn_state(article):
    """A withdrawn story: the open page says so, with the reason (as its 410 page does)."""
    return {
        "id": article.pk,
        "status": "withdrawn",
        "version": article.version,
        "notice": article.withdrawn_reason or "This story has been withdrawn.",
    }


def home_state(flash, request):
    """The Flash or Urgent an open home page shows in its banner slot, or none."""
    if flash is None:
        return {"flash": None}
    return {
        "flash": {
            "id": flash.pk,
            "label": flash.label,
            "precedence": flash.precedence,
            "headline": flash.headline,
            "url": request.build_absolute_uri(flash.get_absolute_url()),
            "published": iso(flash.published_at),
            "html": render_to_string("includes/flash_banner.html", {"flash": flash}, request=request),
        }
    }
