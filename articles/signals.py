"""Signals the desk sends when something readers may notice has changed.

`story_changed` is the one announcement of a desk move. `articles.workflow`
sends it once per story, after the transaction that made the move commits, so
receivers (the reader page cache and its Varnish purges, subscriber push) never
see a change that was rolled back.

Keyword arguments:
- `article`: the saved Article, as it is after the move;
- `event`: one of EVENTS;
- `user`: who made the move, or None for the wire and timed jobs.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.dispatch import Signal

EVENTS = (
    "created",  # a new story was saved (any state)
    "edited",  # a saved story's fields changed without a change of state
    "submitted",  # a reporter sent it to the desk ("Ready for desk")
    "returned",  # an editor returned it to its reporter
    "published",  # readers can see it now
    "scheduled",  # published with a publish time or embargo ahead: readers see it then
    "updated",  # new facts: version up, "Updated …"
    "corrected",  # a correction or clarification was added
    "withdrawn",  # killed: its address answers 410
    "restored",  # back to readers after a withdrawal
    "embargo_lifted",  # released before its embargo time
    "deleted",  # removed from the database
)

story_changed = Signal()

_shared = ContextVar("story_changed_shared", default=None)


@contextmanager
def batch():
    """Moves made and announced inside are one batch (a wire ingest's): what
    receivers look up with shared() is looked up once for all of them."""
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def shared(key, compute):
    """compute(), or inside batch() its value from the first call with `key`."""
    memo = _shared.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def once(key):
    """True the first time `key` is asked inside a batch(), and every time outside one."""
    memo = _shared.get()
    if memo is None:
        return True
    if key in memo:
        return False
    memo[key] = True
    return True
