"""Serve and fill the reader page cache; write the HTTP caching headers.

Only anonymous GET and HEAD requests for the reader pages in ROUTES are
cached: a request carrying a session or messages cookie (staff, or anyone the
site has told something) or an Authorization header goes straight to the
views and never fills the cache. A response is kept only when it is a plain
200 that sets no cookie and does not say private, no-cache or no-store (a
preview says never_cache).

A hit usually costs one cache read (the page and the site-wide counter
together, see store.py) and no query; a conditional request
whose ETag still matches gets its 304 before any view runs. A kept page lives
PAGE_CACHE_SECONDS at most, and never past the next scheduled publish,
embargo end or ticker entry start or expiry (see moments.py).
"""

import hashlib
import math
from functools import lru_cache

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import DisallowedHost
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

from . import moments, shown, store

# What each reader page shows besides the rows it loads (which add their own
# keys, see shown.py); {name} takes the URL's arguments. Every page shows "site".
ROUTES = {
    "articles:home": ("home", "ticker"),
    "articles:detail": ("ticker",),
    "articles:tag": ("ticker",),
    "articles:source": ("ticker",),
    "articles:byline": ("ticker",),
    "articles:kind": ("ticker", "kind-{kind}"),
    "articles:feed-latest-rss": ("feed",),
    "articles:feed-latest-atom": ("feed",),
    "articles:feed-tag-rss": (),
    "articles:feed-tag-atom": (),
    "articles:feed-source-rss": (),
    "articles:feed-source-atom": (),
    "articles:feed-kind-rss": ("kind-{kind}",),
    "articles:feed-kind-atom": ("kind-{kind}",),
    "articles:robots": (),
    "articles:ticker-json": ("ticker",),
    "articles:ticker-embed": ("ticker",),
    # A story's live version: its own key ("story-N") comes from the row it loads.
    "articles:live-story": (),
    "articles:live-home": ("home",),
}
SITEMAPS = ("sitemap",)  # every route whose name starts with "articles:sitemap"

BROWSER_SECONDS = 30  # browsers cannot be purged: they keep a page this long at most
STALE_WHILE_REVALIDATE = 30
STALE_IF_ERROR = 24 * 60 * 60
UNCACHEABLE = ("private", "no-cache", "no-store")
NOT_KEPT_HEADERS = {"cache-control", "set-cookie", "date", "expires"}


@lru_cache(maxsize=4096)
def route_keys(path):
    """The static keys of a cacheable reader page at `path`, or None for any
    other path. Remembered per process: resolving costs more than a hit."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    name = match.view_name
    keys = ROUTES.get(name)
    if keys is None:
        if not name.startswith("articles:sitemap"):
            return None
        keys = SITEMAPS
    return frozenset({"site", *(key.format(**match.kwargs) for key in keys)})


@receiver(setting_changed)
def _forget_routes(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        route_keys.cache_clear()


def anonymous(request):
    cookies = request.COOKIES
    return not (
        settings.SESSION_COOKIE_NAME in cookies
        or CookieStorage.cookie_name in cookies
        or "HTTP_AUTHORIZATION" in request.META
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.PAGE_CACHE_SECONDS <= 0
            or request.method not in ("GET", "HEAD")
            or not anonymous(request)
            or (static_keys := route_keys(request.path_info)) is None
        ):
            return self.get_response(request)
        try:
            url = request.build_absolute_uri()
        except DisallowedHost:
            url = None
        if url is None:  # let Django answer a Host header not in ALLOWED_HOSTS
            return self.get_response(request)
        key = store.page_key(url)
        now = timezone.now().timestamp()
        try:
            entry, counter = store.lookup(key)
            if entry is not None and store.is_current(key, entry, counter, now):
                return _respond(request, entry, now)
        except Exception:  # the cache is down: draw the page
            return self.get_response(request)

        token = shown.start()
        try:
            response = self.get_response(request)
        finally:
            keys = shown.stop(token) | static_keys
        if not _cacheable(response):
            return response
        try:
            expires, capped = _expiry(now)
        except Exception:  # the cache is down: serve it uncached
            return response
        new = _entry(response, keys, expires, capped, previous=entry)
        if request.method == "GET" and expires > timezone.now().timestamp():
            try:
                store.keep(key, new, keys, counter, now)
            except Exception:  # noqa: S110 -- the cache is down: the page is still served
                pass
        response = _respond(request, new, now, response)
        return response


def _cacheable(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in UNCACHEABLE)


def _expiry(now):
    """(when a page drawn now expires, whether a scheduled moment cut its lifetime)."""
    lifetime_end = now + settings.PAGE_CACHE_SECONDS
    moment = moments.next_moment(now)
    if moment is not None and moment < lifetime_end:
        return moment, True
    return lifetime_end, False


def _entry(response, keys, expires, capped, previous):
    body = response.content
    etag = response.get("ETag") or f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'
    if response.has_header("Last-Modified"):
        modified = response["Last-Modified"]
    elif previous is not None and previous["etag"] == etag:
        modified = previous["modified"]  # drawn again, unchanged: it was last modified then
    else:
        modified = http_date()
    headers = {k: v for k, v in response.items() if k.lower() not in NOT_KEPT_HEADERS}
    headers.update({"ETag": etag, "Last-Modified": modified, "xkey": " ".join(sorted(keys))})
    return {"body": body, "headers": headers, "etag": etag, "modified": modified, "expires": expires, "capped": capped}


def _cache_control(entry, now):
    left = max(0, math.floor(entry["expires"] - now))
    parts = ["public", f"max-age={min(BROWSER_SECONDS, left)}", f"s-maxage={left}"]
    if not entry["capped"]:  # a page cut short by a scheduled moment must not be served past it
        parts.append(f"stale-while-revalidate={STALE_WHILE_REVALIDATE}")
    parts.append(f"stale-if-error={STALE_IF_ERROR}")
    return ", ".join(parts)


def _respond(request, entry, now, response=None):
    """The cached page as a response (or `response` with its headers), or a 304."""
    if response is None:
        response = HttpResponse(entry["body"], headers=entry["headers"])
    else:
        for header in ("ETag", "Last-Modified", "xkey"):
            response[header] = entry["headers"][header]
    response["Cache-Control"] = _cache_control(entry, now)
    modified = parse_http_date_safe(entry["modified"])
    return get_conditional_response(request, etag=entry["etag"], last_modified=modified, response=response)
