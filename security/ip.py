"""The reader's address, for lockouts and rate limits."""

from django.conf import settings


def client_ip(request):
    """REMOTE_ADDR, or with TRUSTED_PROXY_COUNT proxies in front, the address the
    outermost trusted proxy saw (the Nth entry from the right of X-Forwarded-For).
    Entries further left are written by the client and never trusted."""
    count = settings.TRUSTED_PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR", "")
