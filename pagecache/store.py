"""Where cached pages and generation numbers live (docs/caching.md).

Every key a page can show ("story-42", "tag-7", "ticker", …) has a generation
number in the shared cache, and a change bumps the numbers of the keys it
touches. A cached page keeps the numbers it was drawn under and counts only
while they are all unchanged, and only until its own expiry time.

A site-wide counter moves with every bump, once before and once after the
keys' numbers, so a hit usually reads two values (the page and the counter);
only after some change anywhere does it compare its own keys' numbers, and
then it remembers the counter again. The counter is also read before a page is
drawn: if it moved while the page was drawn, the page is not kept, because it
may hold data read before that change committed.

Numbers start at random values, so one that was evicted and made anew never
matches what an older page remembers.
"""

import hashlib
import random
from contextlib import nullcontext

from django.conf import settings
from django.core.cache import caches

ALIAS = "pages"
# A generation number must outlive every page drawn under it.
GENERATION_SECONDS = 2 * 24 * 60 * 60


def backend():
    return caches[ALIAS]


def _ns():
    """Tests give each test its own namespace; production has one."""
    return "pc" + getattr(settings, "PAGE_CACHE_NAMESPACE", "") + ":"


def page_key(url):
    return _ns() + "page:" + hashlib.sha1(url.encode(), usedforsecurity=False).hexdigest()


def _counter_key():
    return _ns() + "counter"


def _generation_key(name):
    return _ns() + "gen:" + name


def _fresh():
    return random.getrandbits(48)  # noqa: S311 -- uniqueness, not secrecy


def lookup(key):
    """The cached entry at `key` (or None) and the site-wide counter, in one read."""
    counter_key = _counter_key()
    found = backend().get_many([key, counter_key])
    return found.get(key), found.get(counter_key)


def counter():
    return backend().get(_counter_key())


def is_current(key, entry, counter, now):
    """Whether `entry` may be served at `now`: not expired, and no key it shows bumped."""
    if now >= entry["expires"]:
        return False
    if counter is not None and entry["counter"] == counter:
        return True  # nothing was bumped anywhere since the page was checked last
    cache = backend()
    names = entry["generations"]
    found = cache.get_many(list(names))
    if any(found.get(name) != number for name, number in names.items()):
        return False
    if counter is not None:  # unchanged: remember the counter, so the next hit is quick again
        entry["counter"] = counter
        cache.set(key, entry, timeout=max(1, int(entry["expires"] - now) + 1))
    return True


def keep(key, entry, names, counter_before, now):
    """Store `entry` (a page drawn after reading `counter_before`) under the current
    numbers of `names`. Returns False, keeping nothing, when a bump happened while
    the page was drawn or a key has no number yet (its first page is not kept)."""
    cache = backend()
    counter_key = _counter_key()
    if counter_before is None:
        _start([counter_key])
        return False
    keys = [_generation_key(name) for name in sorted(names)]
    found = cache.get_many([*keys, counter_key])  # the counter last: see bump()
    if found.get(counter_key) != counter_before:
        return False
    missing = [k for k in keys if k not in found]
    if missing:
        _start(missing)
        return False
    entry["generations"] = {k: found[k] for k in keys}
    entry["counter"] = counter_before
    cache.set(key, entry, timeout=max(1, int(entry["expires"] - now) + 1))
    return True


def bump(names):
    """Move the generation numbers of `names`: every page showing one of them is stale.

    A name with no number yet is left without one: no page is kept under a
    name without a number (keep() starts it instead), so none can be stale. A
    new story's key (most of what a wire batch bumps) costs nothing this way."""
    cache = backend()
    keys = [_generation_key(name) for name in sorted(names)]
    counter_key = _counter_key()
    if hasattr(cache, "locked"):  # our file cache: get and set under one lock
        with cache.locked():
            found = cache.get_many([counter_key, *keys])
            start = found.get(counter_key) or _fresh()
            cache.set(counter_key, start + 1, GENERATION_SECONDS)
            cache.set_many({k: found[k] + 1 for k in keys if k in found}, GENERATION_SECONDS)
            cache.set(counter_key, start + 2, GENERATION_SECONDS)
        return
    # Redis (and local memory) increment atomically.
    _incr(cache, counter_key, start=True)
    for k in keys:
        _incr(cache, k)
    _incr(cache, counter_key, start=True)


def _incr(cache, key, start=False):
    try:
        cache.incr(key)
    except ValueError:  # no number yet: the counter starts one (unless another process just did)
        if start and not cache.add(key, _fresh(), GENERATION_SECONDS):
            cache.incr(key)


def _start(keys):
    cache = backend()
    with cache.locked() if hasattr(cache, "locked") else nullcontext():
        for k in keys:
            cache.add(k, _fresh(), GENERATION_SECONDS)


def remembered(name, depends_on, compute, now):
    """A small value kept like a page: `compute()` again once the generation of
    `depends_on` moves, or once `now` reaches the value itself (a moment in time)."""
    cache = backend()
    key, generation_key = _ns() + name, _generation_key(depends_on)
    found = cache.get_many([key, generation_key])
    kept, generation = found.get(key), found.get(generation_key)
    if generation is None:
        _start([generation_key])
        generation = cache.get(generation_key)
    if kept is not None and kept[1] == generation and (kept[0] is None or now < kept[0]):
        return kept[0]
    value = compute()
    if generation is not None:
        lifetime = GENERATION_SECONDS if value is None else min(GENERATION_SECONDS, value - now)
        cache.set(key, (value, generation), timeout=max(1, int(lifetime)))
    return value
