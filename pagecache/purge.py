"""Surrogate-key purges for Varnish (deploy/varnish/default.vcl).

`send(keys)` returns at once: a daemon thread in each process sends
`PURGE /` with an `xkey: key1 key2 …` header to every URL in
VARNISH_PURGE_URLS, so a slow or dead Varnish never holds up or fails a save.
Each batch goes out twice, the second time AGAIN seconds later, to clear a
page Varnish was fetching while the change committed. A failed request is
retried a few times, then logged. On exit the process waits up to
DRAIN_SECONDS for what is queued (a management command such as `ingest`).
"""

import atexit
import heapq
import itertools
import logging
import os
import threading
import time
import urllib.request

from django.conf import settings

log = logging.getLogger(__name__)

AGAIN = 1.0  # seconds before the second purge of a batch
TIMEOUT = 2.0  # seconds per request
RETRIES = 3
KEYS_PER_REQUEST = 100  # keeps the xkey header well under Varnish's header limit
DRAIN_SECONDS = 5.0
MAX_QUEUED = 10_000


class Purger:
    def __init__(self):
        self._due = []  # heap of (when, n, urls, keys)
        self._order = itertools.count()
        self._wake = threading.Condition()
        self._thread = None
        self._pid = None
        self._busy = False

    def send(self, urls, keys):
        now = time.monotonic()
        with self._wake:
            if len(self._due) >= MAX_QUEUED:
                log.warning("Varnish purge queue full: dropping purge of %d keys", len(keys))
                return
            for when in (now, now + AGAIN):
                heapq.heappush(self._due, (when, next(self._order), tuple(urls), frozenset(keys)))
            self._start()
            self._wake.notify()

    def _start(self):
        if self._thread is None or self._pid != os.getpid():  # a forked worker starts its own
            self._pid = os.getpid()
            self._thread = threading.Thread(target=self._run, name="varnish-purge", daemon=True)
            self._thread.start()

    def _run(self):
        while True:
            with self._wake:
                while not self._due or self._due[0][0] > time.monotonic():
                    self._wake.wait(timeout=self._due[0][0] - time.monotonic() if self._due else None)
                now = time.monotonic()
                ready = []
                while self._due and self._due[0][0] <= now:
                    ready.append(heapq.heappop(self._due))
                self._busy = True
            try:
                merged = {}
                for _when, _n, urls, keys in ready:
                    merged.setdefault(urls, set()).update(keys)
                for urls, keys in merged.items():
                    for url in urls:
                        _purge(url, sorted(keys))
            finally:
                with self._wake:
                    self._busy = False
                    self._wake.notify_all()

    def drain(self, seconds=DRAIN_SECONDS):
        """Wait (at most `seconds`) until every queued purge has gone out."""
        deadline = time.monotonic() + seconds
        with self._wake:
            while (self._due or self._busy) and self._thread is not None and self._pid == os.getpid():
                left = deadline - time.monotonic()
                if left <= 0:
                    log.warning("Gave up waiting for Varnish purges (%d not sent yet)", len(self._due))
                    return False
                self._wake.wait(timeout=left)
        return True


def _purge(url, keys):
    for start in range(0, len(keys), KEYS_PER_REQUEST):
        header = " ".join(keys[start : start + KEYS_PER_REQUEST])
        request = urllib.request.Request(url, method="PURGE", headers={"xkey": header})  # noqa: S310 -- our own config
        for attempt in range(RETRIES):
            try:
                with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310
                    response.read()
                break
            except OSError as error:
                if attempt == RETRIES - 1:
                    log.warning("Varnish purge to %s failed: %s", url, error)
                else:
                    time.sleep(0.2 * 2**attempt)


_purger = Purger()
atexit.register(_purger.drain)


def send(keys):
    """Queue a purge of `keys` for every Varnish in VARNISH_PURGE_URLS."""
    urls = settings.VARNISH_PURGE_URLS
    if urls and keys:
        _purger.send(urls, keys)


def drain(seconds=DRAIN_SECONDS):
    return _purger.drain(seconds)
