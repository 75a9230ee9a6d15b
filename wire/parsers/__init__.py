"""Wire parsers: each turns the bytes of one file into plain data.

`parse(data)` recognises the format from the content (never the file name) and
yields one `WireItem` per story, or a `Rejected` for an item (or the whole
file) that cannot be read. Nothing here touches the database.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.conf import settings


@dataclass
class WireItem:
    """One story as the agency sent it, in the shape our service saves."""

    guid: str
    format: str
    headline: str = ""
    body_html: str = ""
    summary: str = ""
    version: int | None = None
    version_created: datetime | None = None
    first_created: datetime | None = None
    pubstatus: str = "usable"  # usable, withheld or canceled
    embargoed: datetime | None = None
    urgency: int | None = None
    genres: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    provider: str = ""
    subjects: list[str] = field(default_factory=list)
    language: str = ""
    slugline: str = ""
    located: str = ""
    ednote: str = ""


@dataclass
class Rejected:
    """An item (or a whole file, guid "-") that could not be read, and why."""

    guid: str
    reason: str


class WireError(ValueError):
    """Raised inside a parser for input that breaks the format; becomes a `Rejected`."""


PUBSTATUSES = {"usable", "withheld", "canceled"}


def detect(data):
    """The format of `data` from its first bytes: "ninjs", "xml", or None."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:1] in (b"{", b"["):
        return "ninjs"
    if head[:1] == b"<":
        return "xml"
    return None


def parse(data):
    """Yield a WireItem or Rejected for each item in `data` (bytes)."""
    from . import feeds, newsml, ninjs  # the parsers import this module's dataclasses

    if len(data) > settings.WIRE_MAX_FILE_BYTES:
        yield Rejected("-", f"file is {len(data)} bytes, over the {settings.WIRE_MAX_FILE_BYTES}-byte limit")
        return
    kind = detect(data)
    if kind == "ninjs":
        yield from ninjs.parse(data)
    elif kind == "xml":
        root = newsml.root_name(data)
        if isinstance(root, Rejected):
            yield root
        elif root in newsml.ROOTS:
            yield from newsml.parse(data)
        elif root in feeds.ROOTS:
            yield from feeds.parse(data)
        else:
            yield Rejected("-", f"not a wire format: XML root element <{root}>")
    else:
        yield Rejected("-", "not a wire format: neither JSON (ninjs) nor XML (NewsML-G2, RSS, Atom)")


def item_too_big(*texts):
    """A reason when the item's text is over the per-item limit, else ""."""
    size = sum(len(t.encode("utf-8", "replace")) for t in texts if t)
    limit = settings.WIRE_MAX_ITEM_BYTES
    return f"item is {size} bytes, over the {limit}-byte limit" if size > limit else ""


def parse_time(value, name):
    """An aware datetime from an ISO 8601 string, or WireError."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise WireError(f"{name} must be a date-time string, not {json_type(value)}")
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise WireError(f"{name} is not an ISO 8601 date-time: {value[:40]!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # the standards say UTC when no offset is given
    return moment


def parse_int(value, name, low=None, high=None):
    """An int from a JSON number or a numeric string, or WireError."""
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise WireError(f"{name} must be a number, not {json_type(value)}")
    try:
        number = int(str(value).strip())
    except ValueError:
        raise WireError(f"{name} must be a whole number, not {str(value)[:20]!r}") from None
    if (low is not None and number < low) or (high is not None and number > high):
        raise WireError(f"{name} must be between {low} and {high}, not {number}")
    return number


def json_type(value):
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


def one_line(text, limit=200):
    """Text squeezed onto one line (for reasons and log lines)."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
