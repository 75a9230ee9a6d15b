from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from ..ticker import get_ticker, ticker_html

register = template.Library()


@register.simple_tag
def ticker(limit=None):
    """The "Off the wire" ticker, written once (includes/ticker.html) for every page
    that shows it; the usual one comes ready-made from the cache."""
    if limit is None:
        return mark_safe(ticker_html())  # noqa: S308 - a rendered template, escaped as it was rendered
    context = {"ticker": get_ticker(limit=limit), "refresh_seconds": settings.TICKER_REFRESH_SECONDS}
    return template.loader.render_to_string("includes/ticker.html", context)
