"""Helpers for the page cache tests: app instances sharing one page cache.

An `AppInstance` is one app server as far as the page cache can tell: its own
connection to the shared cache (a separate backend object, as another process
would have) and its own test client. `reader.warm(url)` draws a page until it
is served from the cache with no query; `editor.commit()` runs a change and
then its after-commit work, as a committed transaction would.
"""

from contextlib import contextmanager

from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from pagecache import store


class AppInstance:
    def __init__(self, capture_on_commit):
        self.cache = caches.create_connection(store.ALIAS)
        self.client = Client()
        self._capture = capture_on_commit

    @contextmanager
    def active(self):
        previous = caches[store.ALIAS]
        caches[store.ALIAS] = self.cache
        try:
            yield self
        finally:
            caches[store.ALIAS] = previous

    def get(self, url, **headers):
        """GET `url`; the response's `.queries` says how many queries it took."""
        with self.active(), CaptureQueriesContext(connection) as queries:
            response = self.client.get(url, headers=headers)
        response.queries = len(queries)
        response.text = response.content.decode()
        return response

    def warm(self, url):
        """Request `url` until it comes from the page cache; returns that response."""
        for _ in range(4):
            response = self.get(url)
            assert response.status_code == 200, f"{url} answered {response.status_code}"
            if response.queries == 0:
                return response
        raise AssertionError(f"{url} was never served from the page cache")

    @contextmanager
    def commit(self):
        """Run the block as one committed change on this instance."""
        with self.active(), self._capture(execute=True):
            yield
