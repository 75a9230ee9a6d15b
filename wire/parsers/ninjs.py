"""ninjs (IPTC News in JSON) 1.x, 2.x and 3.x: one object, or an array of them.

1.x has `headline`, `body_html`/`body_text`, `byline` and may use `guid`;
2.x has `headlines[]`, `bodies[]`, `by`; 3.x is 2.x in camelCase
(`versionCreated`, `contentType`). One reader handles all three.
"""

import html
import json

from . import Rejected, WireError, WireItem, item_too_big, json_type, one_line, parse_int, parse_time

STORY_TYPES = {None, "text", "composite"}


def parse(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        yield Rejected("-", f"not valid UTF-8: byte 0x{data[error.start]:02x} at offset {error.start}")
        return
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        cut = error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string")
        what = "truncated JSON (the file ends mid-item)" if cut else "malformed JSON"
        yield Rejected("-", f"{what}: {error.msg} (line {error.lineno}, column {error.colno})")
        return
    except RecursionError:
        yield Rejected("-", "malformed JSON: nested too deeply")
        return
    objects = document if isinstance(document, list) else [document]
    for obj in objects:
        yield parse_object(obj)


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
        provider=provider(obj),
        subjects=names(get(obj, "subjects", list) or get(obj, "subject", list)) + strings(get(obj, "keywords", list)),
        language=get(obj, "language", str) or "",
        slugline=get(obj, "slugline", str) or "",
        located=get(obj, "located", str) or "",
        ednote=get(obj, "ednote", str) or "",
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
    return text_to_html(text or get(obj, "body_text", str) or "")


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
    for source in get(obj, "infosources", list) or []:
        if isinstance(source, dict) and isinstance(source.get("name"), str):
            return source["name"]
    for name in ("provider", "source", "copyrightholder"):
        value = obj.get(name)
        if isinstance(value, dict):
            value = value.get("name")
        if isinstance(value, str) and value.strip():
            return value
    return ""


def text_to_html(text):
    """Plain text to paragraphs: blank lines separate them."""
    paragraphs = [" ".join(p.split()) for p in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs if p)
