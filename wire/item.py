"""The one plain shape every wire format is read into, and the small readers the formats share.

A parser turns bytes into `WireItem`s (or `Rejected`/`Skipped` notes); it never
touches the database and never cleans text: that is `wire.normalise`'s job.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings


@dataclass
class Author:
    """A person credited on the story, as the agency named them."""

    name: str
    role: str = ""  # e.g. "Correspondent", "writer"
    affiliation: str = ""  # e.g. "Michigan State University"


@dataclass
class Picture:
    """A photo that came with the copy: where its file is, and what to say about it."""

    href: str  # http(s) URL, or a path relative to the file the item came in
    caption: str = ""
    alt: str = ""
    credit: str = ""
    copyright_holder: str = ""


@dataclass
class WireItem:
    """One story as the agency sent it. Times without an offset stay naive (the source's zone applies)."""

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
    bylines: list[str] = field(default_factory=list)  # free-text statements: "By A and B"
    authors: list[Author] = field(default_factory=list)  # structured people, when the format has them
    provider: str = ""  # the agency's name as the format names it (empty if only a web address)
    credits: list[str] = field(default_factory=list)  # copyright holder, credit line, info sources
    provider_uri: str = ""  # the provider's web address, the last resort for a credit
    subjects: list[str] = field(default_factory=list)
    language: str = ""
    slugline: str = ""
    located: str = ""
    ednote: str = ""
    pictures: list[Picture] = field(default_factory=list)
    picture_refs: list[str] = field(default_factory=list)  # guids of picture items in the same file


@dataclass
class Rejected:
    """An item (or a whole file, guid "-") that could not be read, and why."""

    guid: str
    reason: str


@dataclass
class Skipped:
    """Something in a file that is fine but is not a story (a package, a picture file): noted, not rejected."""

    guid: str
    reason: str


class WireError(ValueError):
    """Raised inside a parser for input that breaks the format; becomes a `Rejected`."""


PUBSTATUSES = {"usable", "withheld", "canceled"}


def item_too_big(*texts):
    """A reason when the item's text is over the per-item limit, else ""."""
    size = sum(len(t.encode("utf-8", "replace")) for t in texts if t)
    limit = settings.WIRE_MAX_ITEM_BYTES
    return f"item is {size} bytes, over the {limit}-byte limit" if size > limit else ""


def parse_time(value, name):
    """A datetime from an ISO 8601 string (extended or basic form), or WireError.

    Naive when the text carries no offset: `wire.normalise` puts it in the source's zone.
    """
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise WireError(f"{name} must be a date-time string, not {json_type(value)}")
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise WireError(f"{name} is not an ISO 8601 date-time: {value[:40]!r}") from None


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


# Markup that shows a "text/plain" body is really HTML (agencies send both ways).
HTML_TAG_RE = re.compile(
    r"</?(?:p|br|div|span|b|i|em|strong|a|ul|ol|li|h[1-6]|blockquote|table)\b[^<>]*>", re.IGNORECASE
)


def text_body(text):
    """A plain-text body as HTML paragraphs (blank lines separate them); HTML sent as text kept as HTML."""
    if HTML_TAG_RE.search(text or ""):
        return text
    paragraphs = [" ".join(p.split()) for p in (text or "").replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)
