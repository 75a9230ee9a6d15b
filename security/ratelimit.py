"""Rate limits on the shared cache: a fixed one-minute window per (limit, who).

With REDIS_URL every app server counts in the same place; with the local-memory
cache each process counts on its own. If the cache cannot be reached the request
goes through: a limit is a brake, not a reason to fail the page."""

import functools
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.shortcuts import render

from .ip import client_ip

log = logging.getLogger(__name__)
WINDOW = 60  # seconds


def _who(request, per):
    if per == "user":
        return f"user:{request.user.pk}" if request.user.is_authenticated else f"ip:{client_ip(request)}"
    return f"ip:{client_ip(request)}"


def over_limit(name, request, per="ip"):
    """Seconds to wait if this request is one too many, else 0. Counts it either way."""
    limit = settings.RATE_LIMITS_PER_MINUTE[name]
    now = time.time()
    window = int(now // WINDOW)
    key = f"ratelimit:{name}:{_who(request, per)}:{window}"
    try:
        cache.add(key, 0, WINDOW + 5)
        count = cache.incr(key)
    except Exception:  # cache down or key evicted between add and incr
        log.warning("rate limit %s not counted: cache unavailable", name, exc_info=True)
        return 0
    return int(WINDOW - now % WINDOW) + 1 if count > limit else 0


def too_many_requests(request, retry_after):
    """429 with Retry-After and a page a reader understands; never cached."""
    response = render(request, "security/429.html", {"retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "private, no-store"
    return response


def rate_limit(name, per="ip", reader=True):
    """Limit a view (function or ModelAdmin method) to RATE_LIMITS_PER_MINUTE[name]
    requests a minute per address (per="ip") or per desk user (per="user").
    Reader-side limits (reader=True) are off when RATE_LIMITS=off."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            request = next(arg for arg in args if isinstance(arg, HttpRequest))
            if settings.RATE_LIMITS or not reader:
                retry_after = over_limit(name, request, per)
                if retry_after:
                    return too_many_requests(request, retry_after)
            return view(*args, **kwargs)

        return wrapped

    return decorator
