"""Template helpers for reader pages: relative times and the article's JSON-LD."""

import functools
from html import escape

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .. import seo

register = template.Library()


@register.filter
def ago(moment, now=None):
    """ "just now", "5 minutes ago", "3 hours ago"; after a day, the date itself."""
    if not moment:
        return ""
    seconds = ((now or timezone.now()) - moment).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        minutes = int(seconds // 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''} ago"
    if seconds < 86400:
        hours = int(seconds // 3600)
        return f"{hours} hour{'s' if hours != 1 else ''} ago"
    return long_date(moment)


@register.filter
def long_date(moment):
    """ "March 24, 2016", in the desk's time zone: what `date:"F j, Y"` writes, kept per day."""
    return _long_date(timezone.localtime(moment).date(), get_language()) if moment else ""


@functools.lru_cache(maxsize=4096)
def _long_date(day, language):
    """ "March 24, 2016": lists repeat a few days many times, and Django's date
    formatting (month names through the translation machinery) is the slow part."""
    return date_format(day, "F j, Y")


@register.filter
def datetime_attr(moment):
    """`moment` for a `<time datetime>` attribute: local time to the second with its
    offset ("2016-03-24T09:12:00+00:00"). The HTML checker allows at most three
    fractional digits, and Django's `date:"c"` writes the microseconds a stored
    time carries; every reader template formats datetime attributes here."""
    if not moment:
        return ""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


@register.simple_tag
def updated_time(article):
    """When `article` was last updated, for "Updated …" after its credit line: the time
    alone ("14:05 UTC") on the day the credit line gives, the date too on a later day."""
    updated = timezone.localtime(article.updated_at)
    if updated.date() == timezone.localtime(article.dated).date():
        return date_format(updated, "H:i T")
    return date_format(updated, "F j, Y, H:i T")


@register.filter
def headline_html(article):
    """The headline after its label (`Urgent:`), as every page shows it; a filter, not
    an include, because lists show it once per story."""
    label = article.label
    if not label:
        return conditional_escape(article.headline)
    # As format_html() wrote it (Django's escape() is html.escape()), without its
    # overhead: lists call this once per story.
    precedence, label, headline = escape(str(article.precedence)), escape(str(label)), escape(article.headline)
    return mark_safe(f'<span class="label label--{precedence}">{label}:</span> {headline}')  # noqa: S308 - escaped


@register.simple_tag(takes_context=True)
def news_article_jsonld(context, article, images=None):
    """The NewsArticle JSON-LD for `article`: its lead photo's 16:9, 4:3 and 1:1
    crops, then those of the photos in its body readers may see, as `image`, unless
    other absolute URLs are passed as `images`."""
    request = context["request"]
    if not images:
        photos = [article.lead_image] if article.lead_image_id else []
        photos += [used.image for used in article.body_photos() if used.image.publishable]
        images = [url for photo in photos for url in photo.rendition_urls(request)]
    return seo.jsonld_script(seo.news_article(article, request, images=images or ()))


@register.simple_tag(takes_context=True)
def og_image(context, image):
    """Absolute URL of the photo's 1200x630 share rendition, for og:image."""
    return image.og_url(context["request"])


@register.simple_tag
def site_name():
    return settings.NEWSDESK_SITE_NAME
