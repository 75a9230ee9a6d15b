"""Template helpers for developing stories (articles/live.py, static/js/live.js)."""

from django import template
from django.conf import settings

from .. import live

register = template.Library()


@register.filter
def iso(moment):
    """A <time datetime> value: UTC, to the second, without microseconds."""
    return live.iso(moment) or ""


@register.simple_tag
def live_refresh_seconds():
    """How often an open page asks for a new version or a new Flash."""
    return settings.TICKER_REFRESH_SECONDS
