"""Off the wire for other sites: /ticker.json, the embeddable widget and its
page, oEmbed, and the partner demo. docs/syndication.md explains
each for partners. None of these views touches the session or sets a cookie,
so shared caches may keep their answers."""

import hashlib
import json
import re
from datetime import UTC
from functools import lru_cache
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotModified, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.html import escape
from django.utils.http import http_date, parse_etags
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_http_methods, require_safe

from .models import Kind, Precedence
from .ticker import TickerView, get_ticker

MAX_LIMIT = 50
DEFAULT_LIMIT = 10  # CONTRACT.md: at most 10 items unless ?limit=
THEMES = ("light", "dark", "auto")
FILTERS = tuple(Kind.values) + tuple(Precedence.values)
# Browsers keep an answer 15 s, shared caches (CDN) 30 s, and either may serve
# it up to 60 s more while they fetch a fresh one.
SHARED_CACHE = {"public": True, "max_age": 15, "s_maxage": 30, "stale_while_revalidate": 60}
MAX_INTERVAL = 24 * 60 * 60  # a day; browsers misread longer timers as "at once"
EMBED_HEIGHT = 48  # px: the one-line widget; embed.js reserves this before the frame loads


class BadOption(ValueError):
    """A query-string option a partner got wrong; the message says how to fix it."""


def _whole_number(value):
    """A plain ASCII whole number, or None: "5" yes; "-5", "5.0", "²" no."""
    return int(value) if re.fullmatch(r"[0-9]{1,9}", value) else None


def _ticker_options(request):
    """limit, kinds, theme and refresh interval from the query string."""
    limit = request.GET.get("limit", "")
    if limit and not _whole_number(limit):
        raise BadOption(f"limit must be a whole number from 1 to {MAX_LIMIT}.")
    kinds = [k.strip().lower() for k in request.GET.get("kinds", "").split(",") if k.strip()]
    unknown = [k for k in kinds if k not in FILTERS]
    if unknown:
        raise BadOption(f"Unknown kind {unknown[0]!r}; use any of: {', '.join(FILTERS)}.")
    theme = request.GET.get("theme") or "light"
    if theme not in THEMES:
        raise BadOption(f"theme must be one of: {', '.join(THEMES)}.")
    interval = request.GET.get("interval", "")
    if interval and _whole_number(interval) is None:
        raise BadOption("interval must be a whole number of seconds (0 never refreshes).")
    return {
        "limit": min(_whole_number(limit), MAX_LIMIT) if limit else None,
        "kinds": kinds,
        "theme": theme,
        "interval": min(_whole_number(interval), MAX_INTERVAL) if interval else settings.TICKER_REFRESH_SECONDS,
    }


def _filtered_ticker(limit, kinds):
    """The desk's ticker (get_ticker: three queries), cut to `limit` items of `kinds`.

    Without kinds the desk's own ticker size applies, never more than 10; with
    kinds, matching items are picked from the first 50 of the ticker."""
    ticker = get_ticker(limit=MAX_LIMIT if kinds else limit)
    items = [i for i in ticker.items if not kinds or i.kind in kinds or i.precedence in kinds]
    return TickerView(title=ticker.title, items=items[: limit or DEFAULT_LIMIT])


def _iso(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def _allow_any_origin(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = "ETag"
    return response


@require_http_methods(["GET", "HEAD", "OPTIONS"])
def ticker_json(request):
    """The ticker as JSON (CONTRACT.md). The ETag is a hash of the answer
    itself, so a publish, correction or withdrawal that changes the ticker
    changes it at once; Last-Modified is when this answer was first served."""
    if request.method == "OPTIONS":  # CORS preflight for a fetch() sending If-None-Match
        response = _allow_any_origin(HttpResponse(status=204))
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "If-None-Match"
        response["Access-Control-Max-Age"] = "86400"
        return response
    try:
        options = _ticker_options(request)
    except BadOption as error:
        return _allow_any_origin(JsonResponse({"error": str(error)}, status=400))
    ticker = _filtered_ticker(options["limit"], options["kinds"])
    payload = {
        "title": ticker.title,
        "items": [
            {
                "kind": item.kind,
                "precedence": item.precedence,
                "label": item.label,
                "headline": item.headline,
                "url": request.build_absolute_uri(item.url),
                "published": _iso(item.published),
            }
            for item in ticker.items
        ],
    }
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    try:
        first_served = cache.get_or_set(f"ticker-json:{etag}", timezone.now().timestamp(), 60 * 60 * 24)
    except Exception:  # the cache is unreachable: the ticker still goes out
        first_served = timezone.now().timestamp()
    if etag in {tag.removeprefix("W/") for tag in parse_etags(request.headers.get("If-None-Match", ""))}:
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    response["Last-Modified"] = http_date(first_served)
    patch_cache_control(response, **SHARED_CACHE)
    return _allow_any_origin(response)


@lru_cache(maxsize=1)
def _embed_script():
    with open(finders.find("js/embed.js"), "rb") as script:
        body = script.read()
    return body, f'"{hashlib.sha256(body).hexdigest()[:32]}"'


@require_safe
def embed_js(request):
    """The partner widget's one script, at a fixed address partners paste."""
    if settings.DEBUG:
        _embed_script.cache_clear()  # pick up edits while developing
    body, etag = _embed_script()
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=300, stale_while_revalidate=3600)
    return _allow_any_origin(response)


def _embed_url(request, query=""):
    return request.build_absolute_uri(reverse("articles:ticker-embed")) + (f"?{query}" if query else "")


def _oembed_link(request, page_url):
    query = urlencode({"url": page_url, "format": "json"})
    return request.build_absolute_uri(reverse("articles:ticker-oembed")) + "?" + query


@require_safe
@xframe_options_exempt
def ticker_embed(request):
    """The ticker as a page of its own, made to sit in a partner's <iframe>."""
    try:
        options = _ticker_options(request)
    except BadOption as error:
        return HttpResponseBadRequest(f"Newsdesk ticker: {error}", content_type="text/plain; charset=utf-8")
    json_options = {"limit": options["limit"], "kinds": ",".join(options["kinds"])}
    json_query = urlencode({k: v for k, v in json_options.items() if v})
    context = {
        "ticker": _filtered_ticker(options["limit"], options["kinds"]),
        "ticker_src": reverse("articles:ticker-json") + (f"?{json_query}" if json_query else ""),
        "refresh_seconds": options["interval"],
        "theme": options["theme"],
        "oembed_url": _oembed_link(request, request.build_absolute_uri()),
    }
    response = render(request, "ticker/embed.html", context)
    # Partners may frame this page: the site-wide policy with their origins as frame-ancestors.
    response._csp_replace = {"frame-ancestors": settings.TICKER_FRAME_ANCESTORS or ["*"]}
    patch_cache_control(response, **SHARED_CACHE)
    return response


@require_safe
def ticker_demo(request):
    """For partners deciding to embed the ticker: the snippet and the widget running."""
    context = {
        "script_url": request.build_absolute_uri(reverse("articles:ticker-embed-js")),
        "iframe_snippet": _iframe_html(_embed_url(request)),
        "embed_url": _embed_url(request),
        "oembed_url": _oembed_link(request, request.build_absolute_uri()),
    }
    return render(request, "ticker/demo.html", context)


def _iframe_html(src, width="100%"):
    return (
        f'<iframe src="{escape(src)}" title="Off the wire: news ticker" '
        f'style="display:block;width:{width};height:{EMBED_HEIGHT}px;border:0" loading="lazy"></iframe>'
    )


@require_safe
def ticker_oembed(request):
    """oEmbed (https://oembed.com/) for the ticker's pages: a host that is
    given /ticker/embed/ or /ticker/demo/ gets the iframe to paste."""
    url = request.GET.get("url", "")
    if request.GET.get("format", "json") != "json":
        return HttpResponse("Only format=json is offered.", status=501, content_type="text/plain; charset=utf-8")
    parts = urlsplit(url)
    ours = {reverse("articles:ticker-embed"), reverse("articles:ticker-demo")}
    if parts.netloc != request.get_host() or parts.path not in ours:
        return _allow_any_origin(JsonResponse({"error": "url must be this desk's /ticker/embed/ address."}, status=404))
    src = _embed_url(request, parts.query)
    width = _whole_number(request.GET.get("maxwidth", ""))
    payload = {
        "version": "1.0",
        "type": "rich",
        "provider_name": settings.NEWSDESK_SITE_NAME,
        "provider_url": request.build_absolute_uri("/"),
        "title": "Off the wire",
        "html": _iframe_html(src, f"{width}px" if width else "100%"),
        "width": width or 600,
        "height": EMBED_HEIGHT,
        "cache_age": 3600,
    }
    return _allow_any_origin(JsonResponse(payload))
