from django import template
from django.conf import settings

from ..ticker import get_ticker

register = template.Library()


@register.inclusion_tag("includes/ticker.html")
def ticker(limit=None):
    """The "Off the wire" ticker, written once for every page that shows it."""
    return {"ticker": get_ticker(limit=limit), "refresh_seconds": settings.TICKER_REFRESH_SECONDS}
