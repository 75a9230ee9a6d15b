"""Django's file-based cache, made fit to hold the page cache on one machine.

Every gunicorn worker reads and writes the same folder, so a page cached or
cleared by one worker is cached or cleared for all. Two changes over Django's
FileBasedCache: `locked()` serialises the read-modify-write of generation
numbers across processes (Django's `incr` is a get then a set), and culling
runs on one write in fifty instead of listing the folder on every write.
"""

import fcntl
import os
import random
from contextlib import contextmanager

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 50  # writes, on average, between two looks at the folder's size


class SharedFileCache(FileBasedCache):
    @contextmanager
    def locked(self):
        """Hold the folder's lock: one process at a time gets past this."""
        self._createdir()
        with open(os.path.join(self._dir, "lock"), "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def _cull(self):
        if random.randrange(CULL_EVERY) == 0:  # noqa: S311 -- spreading work, not security
            super()._cull()
