"""What search engines and social sites read on an article page: the
schema.org NewsArticle JSON-LD, built here in Python and rendered by the
`news_article_jsonld` template tag (articles/templatetags/readers.py)."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

# As Django's json_script: nothing in the data can close the <script> element.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def iso(moment):
    """ISO 8601 with the offset, in the desk's time zone: 2016-03-24T09:12:00+00:00."""
    return timezone.localtime(moment).isoformat() if moment else None


def news_article(article, request, images=()):
    """The NewsArticle dict for `article`. `images` are absolute URLs (the lead
    photo and its crops); the key is left out when there are none."""
    url = request.build_absolute_uri(article.get_absolute_url())
    bylines = article.ordered_bylines()
    if bylines:
        authors = [
            {"@type": "Person", "name": b.name, "url": request.build_absolute_uri(b.get_absolute_url())}
            for b in bylines
        ]
    else:  # wire copy without a byline is credited to the agency
        source = article.source
        authors = [
            {"@type": "Organization", "name": source.name, "url": request.build_absolute_uri(source.get_absolute_url())}
        ]
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline[:110],
        "description": article.summary or None,
        "datePublished": iso(article.dated),
        "dateModified": iso(article.updated_at or article.dated),
        "author": authors,
        "publisher": {
            "@type": "Organization",
            "name": settings.NEWSDESK_SITE_NAME,
            "url": request.build_absolute_uri(reverse("articles:home")),
        },
        "sourceOrganization": {"@type": "Organization", "name": article.source.name},
        "inLanguage": article.language,
        "isAccessibleForFree": True,
        "image": list(images) or None,
        "correction": article.jsonld_corrections() or None,
    }
    if article.dateline:
        data["dateline"] = article.dateline
        data["locationCreated"] = {"@type": "Place", "name": article.dateline}
    return {key: value for key, value in data.items() if value is not None}


def jsonld_script(data):
    """A <script type="application/ld+json"> element, safe to put in any page."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
