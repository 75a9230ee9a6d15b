"""RSS 2.0 (and 1.0) and Atom feeds, read by feedparser.

The caller has already checked that the XML carries no DTD (see
`wire.formats.xml.root_name`), so no entity can expand. feedparser sanitizes entry
HTML; our own cleaner runs again when the story is saved.
"""

import re
import xml.sax  # noqa: S406 -- only to recognise feedparser's parse errors
from datetime import UTC, datetime

import feedparser

from ..item import Rejected, WireItem, item_too_big, one_line

ROOTS = {"rss", "feed", "RDF"}


def parse(data):
    feed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if feed.bozo and isinstance(feed.get("bozo_exception"), xml.sax.SAXException):
        yield Rejected("-", f"feed XML not well-formed: {one_line(feed.bozo_exception, 120)}")
        return
    provider = feed.feed.get("title", "")
    for entry in feed.entries:
        yield read_entry(entry, provider, "atom" if feed.version.startswith("atom") else "rss")


def read_entry(entry, provider, fmt):
    guid = one_line(entry.get("id") or entry.get("link") or "", 255)
    if not guid:
        return Rejected("-", "missing guid (an entry needs an id or a link)")
    content = entry.get("content") or []
    body = content[0].get("value", "") if content else entry.get("summary", "")
    if fmt == "atom":
        names = [a.get("name", "") for a in entry.get("authors", []) if a.get("name")]
    else:
        names = [rss_author(entry.get("author", ""))]
    item = WireItem(
        guid=guid,
        format=fmt,
        headline=entry.get("title", ""),
        body_html=body if "<" in body else f"<p>{body}</p>" if body else "",
        summary=entry.get("summary", "") if content else "",
        version_created=moment(
            dict.get(entry, "updated_parsed") or entry.get("published_parsed")
        ),  # no deprecated alias
        first_created=moment(entry.get("published_parsed")),
        bylines=[", ".join(n for n in names if n)],
        provider=provider,
        subjects=[t.get("term", "") for t in entry.get("tags", []) if t.get("term")],
        language=entry.get("language", "") or "",
    )
    too_big = item_too_big(item.headline, item.body_html, item.summary)
    return Rejected(guid, too_big) if too_big else item


def rss_author(text):
    """RSS <author> is "email (Name)"; keep the name, drop a bare address."""
    match = re.match(r"^\s*\S+@\S+\s*\((?P<name>[^()]+)\)\s*$", text or "")
    if match:
        return match.group("name")
    return "" if "@" in (text or "") and " " not in text.strip() else text or ""


def moment(parsed):
    """feedparser's UTC struct_time as an aware datetime."""
    return datetime(*parsed[:6], tzinfo=UTC) if parsed else None
