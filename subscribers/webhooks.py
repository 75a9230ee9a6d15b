"""POST one signed body to a subscriber's webhook, safely.

The address is resolved once, every answer is checked (no private, link-local or
loopback targets unless settings allow them) and the connection goes to the
address that was checked, so DNS cannot swap it in between. https only when DEBUG
is off; redirects are answers, never followed; at most WEBHOOK_MAX_RESPONSE_BYTES of
the answer is read; the whole exchange has WEBHOOK_TIMEOUT_SECONDS.
"""

import hashlib
import hmac
import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings


class Refused(Exception):
    """We will not post to this address."""


@dataclass
class Answer:
    status: int | None  # None when there was no HTTP answer
    error: str  # "" when delivered
    latency_ms: int
    body: str = ""

    @property
    def delivered(self):
        return self.status is not None and 200 <= self.status < 300


def signature(secret, body):
    """The X-Newsdesk-Signature value: sha256=<hex HMAC-SHA256 of the body with the secret>."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def refusal(ip):
    """Why we refuse to connect to `ip` (an ipaddress object), or "" when allowed."""
    ip = getattr(ip, "ipv4_mapped", None) or ip
    if ip.is_loopback:
        return "" if settings.DEBUG or settings.WEBHOOK_ALLOW_LOOPBACK else f"{ip} is a loopback address"
    if ip.is_multicast or ip.is_unspecified or ip.is_reserved:
        return f"{ip} is not a host address"
    if ip.is_private or ip.is_link_local or not ip.is_global:
        return "" if settings.WEBHOOK_ALLOW_PRIVATE_NETWORKS else f"{ip} is a private or link-local address"
    return ""


def resolve(url):
    """(scheme, host, port, path, ip) for `url`, or Refused with the reason."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise Refused(f"not a web address: {url}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise Refused(f"cannot resolve {parts.hostname}: {error}") from None
    addresses = [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]
    for ip in addresses:  # every answer must pass: a mixed answer is a DNS trick
        reason = refusal(ip)
        if reason:
            raise Refused(f"refused: {reason}")
    if parts.scheme == "http" and not settings.DEBUG:
        if not (settings.WEBHOOK_ALLOW_LOOPBACK and all(ip.is_loopback for ip in addresses)):
            raise Refused("refused: webhooks must use https")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port, path, str(addresses[0])


class PinnedHTTPConnection(http.client.HTTPConnection):
    """Connects to the address we checked, whatever DNS says now."""

    def __init__(self, host, port, ip, timeout):
        super().__init__(host, port, timeout=timeout)
        self.ip = ip

    def connect(self):
        self.sock = socket.create_connection((self.ip, self.port), self.timeout)


class PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, ip, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.ip = ip

    def connect(self):
        sock = socket.create_connection((self.ip, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(url, body, headers):
    """POST `body` (bytes) to `url`; an Answer, whatever happens (never raises)."""
    started = time.monotonic()
    timeout = settings.WEBHOOK_TIMEOUT_SECONDS
    deadline = started + timeout

    def answer(status, error, text=""):
        return Answer(status, error, round((time.monotonic() - started) * 1000), text)

    try:
        scheme, host, port, path, ip = resolve(url)
    except Refused as error:
        return answer(None, str(error))
    connection_class = PinnedHTTPSConnection if scheme == "https" else PinnedHTTPConnection
    conn = connection_class(host, port, ip, timeout)
    try:
        conn.request("POST", path, body=body, headers=headers)
        conn.sock.settimeout(max(deadline - time.monotonic(), 0.001))
        response = conn.getresponse()
        text = read_limited(response, deadline)
        status = response.status
    except TimeoutError:
        return answer(None, f"timed out after {timeout:g} s")
    except (OSError, http.client.HTTPException) as error:
        return answer(None, f"{type(error).__name__}: {error}"[:500])
    finally:
        conn.close()
    if 200 <= status < 300:
        return answer(status, "", text)
    if 300 <= status < 400:
        where = response.getheader("Location", "")[:300]
        return answer(status, f"HTTP {status}: redirect to {where} not followed", text)
    return answer(status, f"HTTP {status}: {text[:300]}".strip(), text)


def read_limited(response, deadline):
    """At most WEBHOOK_MAX_RESPONSE_BYTES of the answer, within the deadline."""
    limit = settings.WEBHOOK_MAX_RESPONSE_BYTES
    chunks, size = [], 0
    while size < limit:
        if time.monotonic() > deadline:
            raise TimeoutError
        chunk = response.read1(min(4096, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks).decode("utf-8", "replace")
