"""ninjs (IPTC News in JSON) 1.x, 2.x and 3.x: one object, or an array of them.

1.x has `headline`, `body_html`/`body_text`, `byline` and may use `guid`;
2.x has `headlines[]`, `bodies[]`, `by`; 3.x is 2.x in camelCase
(`versionCreated`, `contentType`). One reader handles all three.
"""

import io
import json

import ijson

from ..item import (
    Author,
    Picture,
    Rejected,
    WireError,
    WireItem,
    item_too_big,
    json_type,
    one_line,
    parse_int,
    parse_time,
    text_body,
)

STORY_TYPES = {None, "text", "composite"}


def parse(data):
    """One object, or an array streamed element by element (memory flat in the file size)."""
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] != b"[":
        document = load(data)
        yield parse_object(document) if not isinstance(document, Rejected) else document
        return
    try:
        for obj in ijson.items(io.BytesIO(data), "item", use_float=True):
            yield parse_object(obj)
    except (ijson.JSONError, UnicodeDecodeError):
        # Only now read the whole file, to give the same exact reason as for a single object.
        document = load(data)
        yield document if isinstance(document, Rejected) else Rejected("-", "malformed JSON")


def load(data):
    """The parsed document, or a Rejected saying exactly what is wrong with the JSON."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return Rejected("-", f"not valid UTF-8: byte 0x{data[error.start]:02x} at offset {error.start}")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        cut = error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string")
        what = "truncated JSON (the file ends mid-item)" if cut else "malformed JSON"
        return Rejected("-", f"{what}: {error.msg} (line {error.lineno}, column {error.colno})")
    except RecursionError:
        return Rejected("-", "malformed JSON: nested too deeply")


def parse_object(obj):
    if not isinstance(obj, dict):
        return Rejected("-", f"a ninjs item must be an object, not {json_type(obj)}")
    guid = obj.get("uri", obj.get("guid"))
    if not guid:
        return Rejected("-", "missing uri (the item's identifier)")
    if not isinstance(guid, str):
        return Rejected("-", f"uri must be a string, not {json_type(guid)}")
    guid = one_line(guid, 255)
    try:
        return read(obj, guid)
    except WireError as error:
        return Rejected(guid, str(error))


def get(obj, name, kind=None):
    """obj[name] in 2.x spelling or its 3.x camelCase twin, type-checked."""
    camel = "".join(part if i == 0 else part.capitalize() for i, part in enumerate(name.split("_")))
    value = obj.get(name, obj.get(camel, obj.get(CAMEL.get(name, name))))
    if value is not None and kind is not None and not isinstance(value, kind):
        raise WireError(f"{name} must be {json_type(kind())}, not {json_type(value)}")
    return value


CAMEL = {
    "versioncreated": "versionCreated",
    "firstcreated": "firstCreated",
    "contenttype": "contentType",
    "pubstatus": "pubStatus",
    "embargoed": "embargoedUntil",
    "ednote": "edNote",
    "copyrightholder": "copyrightHolder",
    "infosources": "infoSources",
}


def read(obj, guid):
    item_type = get(obj, "type", str)
    if item_type not in STORY_TYPES:
        raise WireError(f"type {item_type!r} is not a story (only text and composite items are ingested)")
    pubstatus = (get(obj, "pubstatus", str) or "usable").lower()
    if pubstatus not in {"usable", "withheld", "canceled"}:
        raise WireError(f"pubstatus must be usable, withheld or canceled, not {pubstatus[:20]!r}")
    item = WireItem(
        guid=guid,
        format="ninjs",
        headline=headline(obj),
        body_html=body(obj),
        summary=summary(obj),
        version=parse_int(get(obj, "version"), "version", low=0),
        version_created=parse_time(get(obj, "versioncreated"), "versioncreated"),
        first_created=parse_time(get(obj, "firstcreated"), "firstcreated"),
        pubstatus=pubstatus,
        embargoed=parse_time(get(obj, "embargoed"), "embargoed"),
        urgency=parse_int(get(obj, "urgency"), "urgency", low=1, high=9),
        genres=names(get(obj, "genres", list) or get(obj, "genre", list)),
        bylines=[get(obj, "by", str) or get(obj, "byline", str) or ""],
        authors=authors(get(obj, "authors", list)),
        provider=provider(obj),
        credits=credits(obj),
        subjects=names(get(obj, "subjects", list) or get(obj, "subject", list)) + strings(get(obj, "keywords", list)),
        language=get(obj, "language", str) or "",
        slugline=get(obj, "slugline", str) or "",
        located=get(obj, "located", str) or "",
        ednote=get(obj, "ednote", str) or "",
        pictures=pictures(get(obj, "associations")),
    )
    too_big = item_too_big(item.headline, item.body_html, item.summary)
    if too_big:
        raise WireError(too_big)
    return item


def headline(obj):
    single = get(obj, "headline", str)
    if single:
        return single
    return pick(get(obj, "headlines", list), "headlines")[0]


def body(obj):
    html_body = get(obj, "body_html", str)
    if html_body:
        return html_body
    text, contenttype = pick(get(obj, "bodies", list), "bodies", prefer_html=True)
    if text and contenttype and ("html" in contenttype or "xhtml" in contenttype):
        return text
    return text_body(text or get(obj, "body_text", str) or "")


def summary(obj):
    for name in ("description_text", "description_html"):
        value = get(obj, name, str)
        if value:
            return value
    return pick(get(obj, "descriptions", list), "descriptions")[0]


def pick(entries, name, prefer_html=False):
    """(value, contenttype) of the best entry of headlines[]/bodies[]/descriptions[]."""
    if not entries:
        return "", ""
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("value", ""), str):
            raise WireError(f"{name} entries must be objects with a string value")
    ranked = sorted(
        entries,
        key=lambda e: (
            not (prefer_html and "html" in (get(e, "contenttype") or "")),
            (e.get("role") or "main") not in {"main", "richtext", "simple"},
        ),
    )
    best = ranked[0]
    return best.get("value", ""), get(best, "contenttype") or ""


def names(entries):
    if not entries:
        return []
    out = []
    for entry in entries:
        if isinstance(entry, dict):
            name = entry.get("name") or entry.get("literal") or entry.get("code")
        else:
            name = entry
        if not isinstance(name, str):
            raise WireError("genres and subjects must be objects with a string name")
        out.append(name)
    return out


def strings(values):
    if not values:
        return []
    if not all(isinstance(v, str) for v in values):
        raise WireError("keywords must be strings")
    return list(values)


def provider(obj):
    """The agency by name: the first info source, else provider/source (1.x)."""
    for source in get(obj, "infosources", list) or []:
        if isinstance(source, dict) and isinstance(source.get("name"), str) and source["name"].strip():
            return source["name"]
    for name in ("provider", "source"):
        value = obj.get(name)
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, str) and value.strip():
            return value
    return ""


def credits(obj):
    holder = get(obj, "copyrightholder")
    if isinstance(holder, dict):
        holder = holder.get("name")
    return [holder] if isinstance(holder, str) else []


def authors(entries):
    """ninjs `authors[]` (Superdesk and others): name, role, job title or organisation."""
    people = []
    for entry in entries or []:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise WireError("authors entries must be objects with a string name")
        role = entry.get("role") or entry.get("jobtitle") or entry.get("jobTitle") or ""
        affiliation = entry.get("organisation") or entry.get("affiliation") or ""
        people.append(Author(name=entry["name"], role=str(role), affiliation=str(affiliation)))
    return people


def pictures(associations):
    """Associated pictures (a 2.x/3.x list, or a 1.x object keyed by name) with a rendition we can fetch."""
    if not isinstance(associations, dict | list):
        return []
    entries = list(associations.values()) if isinstance(associations, dict) else associations
    found = []
    for entry in entries:
        if not isinstance(entry, dict) or get(entry, "type") not in {"picture", "graphic"}:
            continue
        href = best_rendition(get(entry, "renditions"))
        if not href:
            continue
        texts = {}
        for description in get(entry, "descriptions") or []:
            if isinstance(description, dict) and isinstance(description.get("value"), str):
                texts.setdefault(description.get("role") or "caption", description["value"])
        caption = texts.get("caption") or get(entry, "description_text") or get(entry, "body_text") or ""
        holder = get(entry, "copyrightholder")
        found.append(
            Picture(
                href=href,
                caption=caption if isinstance(caption, str) else "",
                alt=texts.get("alt") or texts.get("alttext") or "",
                credit=str(get(entry, "by") or get(entry, "creditline") or holder or ""),
                copyright_holder=holder if isinstance(holder, str) else "",
            )
        )
    return found


def best_rendition(renditions):
    """The href of the original (or the largest) rendition."""
    options = list(renditions.items()) if isinstance(renditions, dict) else [(None, r) for r in renditions or []]
    options = [(key, r) for key, r in options if isinstance(r, dict) and isinstance(r.get("href"), str)]
    if not options:
        return ""
    for key, rendition in options:
        if (rendition.get("name") or key) in {"original", "baseImage", "highRes"}:
            return rendition["href"]
    size = lambda r: (r.get("width") or 0) * (r.get("height") or 0) if isinstance(r.get("width"), int) else 0  # noqa: E731
    return max((r for _key, r in options), key=size)["href"]
