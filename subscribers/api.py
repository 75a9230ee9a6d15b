"""Keys for the ninjs API: `Authorization: Bearer <key>`, a limit per key, a count per key per day."""

import time
from functools import wraps

from django.core.cache import cache
from django.http import JsonResponse

from .models import ApiKey, ApiKeyUsage

REALM = 'Bearer realm="newsdesk"'


def unauthorized(message, error="invalid_token"):
    response = JsonResponse({"error": message}, status=401)
    response["WWW-Authenticate"] = f'{REALM}, error="{error}", error_description="{message}"' if error else REALM
    return response


def too_many(retry_after):
    response = JsonResponse({"error": f"Too many requests for this key; try again in {retry_after} s."}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def over_limit(key, now=None):
    """Seconds to wait when `key` has used up this minute's requests, else 0 (a fixed
    window counted in the cache, shared by every app server through Redis)."""
    now = now or time.time()
    window = int(now // 60)
    name = f"api-rate:{key.pk}:{window}"
    cache.add(name, 0, timeout=61)
    try:
        used = cache.incr(name)
    except ValueError:  # evicted between add and incr
        cache.set(name, 1, timeout=61)
        used = 1
    if used > key.subscriber.requests_per_minute:
        return max(1, int((window + 1) * 60 - now) + 1)
    return 0


def subscriber_required(view):
    """Call `view(request, *args, subscriber=…, **kwargs)` for a live key; 401 or 429 otherwise."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        scheme, _, key = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            return unauthorized("An API key is required: send Authorization: Bearer <key>.", error="")
        api_key = ApiKey.find(key.strip())
        if api_key is None:
            return unauthorized("This API key is not valid.")
        if api_key.revoked_at is not None:
            return unauthorized("This API key was revoked.")
        if not api_key.subscriber.active:
            return unauthorized("This subscription is paused.")
        wait = over_limit(api_key)
        if wait:
            return too_many(wait)
        ApiKeyUsage.count(api_key)
        return view(request, *args, subscriber=api_key.subscriber, **kwargs)

    return wrapped
