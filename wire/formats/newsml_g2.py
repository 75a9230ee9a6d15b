"""NewsML-G2 `newsItem` and `newsMessage` (many items), streamed.

The XML is read with defusedxml: a DTD, entity or external reference is
refused, which stops XXE and "billion laughs" before anything expands. A
`newsMessage` is read item by item with iterparse and each item is dropped
once read, so memory stays flat however many items the message holds.
Bodies come from `inlineXML` (NITF `body.content` or XHTML `body`) or
`inlineData` (plain text).
"""

from urllib.parse import urlsplit

from ..item import (
    Author,
    Picture,
    Rejected,
    Skipped,
    WireError,
    WireItem,
    item_too_big,
    one_line,
    parse_int,
    parse_time,
    text_body,
)
from . import nitf
from .xml import ParseErrors, attr, child, children, inner_html, iterparse, local, text_of, xml_error

ROOTS = {"newsItem", "newsMessage", "packageItem", "conceptItem", "planningItem", "knowledgeItem", "catalogItem"}
ITEMS = ROOTS - {"newsMessage"}
STORY_CLASSES = {"text", "composite", ""}


PICTURE_CLASSES = {"picture", "graphic"}
NOT_STORIES = {"packageItem": "a package of other items", "conceptItem": "a concept", "planningItem": "planning",
               "knowledgeItem": "a knowledge item", "catalogItem": "a catalog"}  # fmt: skip


def parse(data):
    """Stories in file order; a story that links to a picture item later in the message waits for it."""
    depth, item_set = 0, None
    pictures, waiting = {}, []
    try:
        for event, elem in iterparse(data):
            name = local(elem.tag)
            if event == "start":
                depth += 1
                if name == "itemSet" and depth == 2:
                    item_set = elem
                continue
            depth -= 1
            at_top = depth == 0 or (depth == 2 and item_set is not None)
            if name in ITEMS and at_top:
                read = read_item(elem, name)
                if item_set is not None:
                    item_set.remove(elem)  # drop what we have read: memory stays flat
                if isinstance(read, PictureItem):
                    pictures[read.guid] = read.picture
                    ready = [w for w in waiting if not unresolved(w, pictures)]
                    waiting = [w for w in waiting if unresolved(w, pictures)]
                    yield from (attach(w, pictures) for w in ready)
                elif isinstance(read, WireItem) and unresolved(read, pictures):
                    waiting.append(read)
                else:
                    yield attach(read, pictures) if isinstance(read, WireItem) else read
            elif name == "header" and depth == 1:
                elem.clear()
    except ParseErrors as error:
        yield from (attach(w, pictures) for w in waiting)
        yield Rejected("-", xml_error(error))
        return
    yield from (attach(w, pictures) for w in waiting)


class PictureItem:
    """A picture newsItem, read; it becomes part of the stories that link to it."""

    def __init__(self, guid, picture):
        self.guid, self.picture = guid, picture


def unresolved(item, pictures):
    return any(ref not in pictures for ref in item.picture_refs)


def attach(item, pictures):
    item.pictures.extend(pictures[ref] for ref in item.picture_refs if ref in pictures)
    return item


def read_item(elem, name):
    guid = one_line(elem.get("guid") or "", 255)
    if not guid:
        return Rejected("-", f"missing guid on <{name}>")
    if name != "newsItem":
        return Skipped(guid, f"<{name}> is {NOT_STORIES.get(name, 'not a story')}: nothing to ingest")
    try:
        return read_news_item(elem, guid)
    except WireError as error:
        return Rejected(guid, str(error))


def qcode_tail(elem):
    code = (elem.get("qcode") or elem.get("literal") or elem.get("uri") or "") if elem is not None else ""
    return code.rsplit(":", 1)[-1].rstrip("/").rsplit("/", 1)[-1]


def concept_name(elem):
    """A concept's <name>, else its literal, else the code after the scheme."""
    return text_of(child(elem, "name")) or (elem.get("literal") or "") or qcode_tail(elem)


def provider_name(elem):
    """The provider's <name>, literal or code ("nprov:REUTERS" -> "REUTERS"); "" if it has only a web address."""
    if elem is None:
        return ""
    if text_of(child(elem, "name")) or elem.get("literal"):
        return concept_name(elem)
    qcode = elem.get("qcode") or ""
    if qcode and not qcode.startswith("web:"):
        return qcode.split(":", 1)[-1]
    return ""


def web_host(elem):
    """The host of a provider given only as a web address ("www.ansa.it" -> "ansa.it")."""
    if elem is None:
        return ""
    qcode = elem.get("qcode") or ""
    address = qcode.split(":", 1)[-1] if qcode.startswith("web:") else elem.get("uri") or ""
    host = urlsplit(address if "//" in address else f"//{address}").hostname or ""
    return host.removeprefix("www.")


def credit_names(elem, content):
    """Names the agency gives itself besides the provider: copyright holder, credit line, info sources."""
    rights = child(elem, "rightsInfo")
    names = [concept_name(c) for c in children(rights, "copyrightHolder") if text_of(child(c, "name"))]
    names += [text_of(c) for c in children(content, "creditline")]
    names += [concept_name(i) for i in children(content, "infoSource") if text_of(child(i, "name")) or i.get("literal")]
    return names


def read_news_item(elem, guid):
    meta, content = child(elem, "itemMeta"), child(elem, "contentMeta")
    item_class = qcode_tail(child(meta, "itemClass"))
    if item_class in PICTURE_CLASSES:
        return PictureItem(guid, read_picture(elem, content))
    if item_class not in STORY_CLASSES:
        raise WireError(f"item class {item_class!r} is not a story (only text and picture items are ingested)")
    pubstatus = qcode_tail(child(meta, "pubStatus")) or "usable"
    if pubstatus not in {"usable", "withheld", "canceled"}:
        raise WireError(f"pubStatus must be usable, withheld or canceled, not {pubstatus[:20]!r}")
    parts = read_body(child(elem, "contentSet"))
    creators = [concept_name(c) for c in children(content, "creator")]
    item = WireItem(
        guid=guid,
        format="newsml",
        headline=text_of(child(content, "headline")) or parts["headline"],
        body_html=parts["body"],
        summary=text_of(child(content, "description")),
        version=parse_int(elem.get("version"), "version", low=0),
        version_created=parse_time(text_of(child(meta, "versionCreated")), "versionCreated"),
        first_created=parse_time(text_of(child(meta, "firstCreated")), "firstCreated"),
        pubstatus=pubstatus,
        embargoed=parse_time(text_of(child(meta, "embargoed")), "embargoed"),
        urgency=parse_int(text_of(child(content, "urgency")), "urgency", low=1, high=9),
        genres=[concept_name(g) for g in children(content, "genre")],
        bylines=[text_of(child(content, "by"))] if text_of(child(content, "by")) else parts["bylines"],
        authors=[] if text_of(child(content, "by")) else parts["authors"] or creator_authors(content, creators),
        provider=provider_name(child(meta, "provider")),
        credits=credit_names(elem, content),
        provider_uri=web_host(child(meta, "provider")),
        subjects=[concept_name(s) for s in children(content, "subject")]
        + [text_of(k) for k in children(content, "keyword")],
        language=attr(child(content, "language"), "tag") or elem.get("{http://www.w3.org/XML/1998/namespace}lang", ""),
        slugline=text_of(child(content, "slugline")),
        located=concept_name(child(content, "located")) if child(content, "located") is not None else parts["located"],
        ednote=text_of(child(meta, "edNote")),
        pictures=parts["pictures"] + linked_pictures(meta),
        picture_refs=[attr(link, "residref") for link in children(meta, "link") if attr(link, "residref")],
    )
    too_big = item_too_big(item.headline, item.body_html, item.summary)
    if too_big:
        raise WireError(too_big)
    return item


def creator_authors(content, names):
    return [
        Author(name=n, role=qcode_tail_role(c)) for n, c in zip(names, children(content, "creator"), strict=True) if n
    ]


def qcode_tail_role(creator):
    role = creator.get("role") or ""
    return role.split(":", 1)[-1] if role else ""


def linked_pictures(meta):
    """Pictures a text item links to by address (`<link href contenttype="image/…">`)."""
    return [
        Picture(href=attr(link, "href"), caption=attr(link, "title"))
        for link in children(meta, "link")
        if attr(link, "href") and attr(link, "contenttype").startswith("image/")
    ]


def read_picture(elem, content):
    """A picture item: its largest remoteContent rendition, with caption, alt text and credit."""
    renditions = [r for r in children(child(elem, "contentSet"), "remoteContent") if attr(r, "href")]
    if not renditions:
        raise WireError("picture item has no remoteContent with an href")
    best = max(renditions, key=lambda r: int(attr(r, "width") or 0) * int(attr(r, "height") or 0) if
               (attr(r, "width") + attr(r, "height")).isdigit() else 0)  # fmt: skip
    descriptions = {attr(d, "role").split(":", 1)[-1]: text_of(d) for d in children(content, "description")}
    caption = descriptions.pop("caption", "") or next(iter(descriptions.values()), "")
    meta = child(elem, "itemMeta")
    credit = text_of(child(content, "creditline")) or text_of(child(content, "by"))
    holder = next((concept_name(c) for c in children(child(elem, "rightsInfo"), "copyrightHolder")), "")
    return Picture(
        href=attr(best, "href"),
        caption=caption,
        alt=descriptions.get("alt", "") or text_of(child(content, "headline")) or caption,
        credit=credit or holder or provider_name(child(meta, "provider")),
        copyright_holder=holder,
    )


def read_body(content_set):
    """Headline, body, bylines, authors, dateline place and pictures from the first usable content."""
    parts = {"headline": "", "body": "", "bylines": [], "authors": [], "located": "", "pictures": []}
    for node in content_set if content_set is not None else []:
        name = local(node.tag)
        if name == "remoteContent" and attr(node, "contenttype").startswith("image/") and attr(node, "href"):
            parts["pictures"].append(Picture(href=attr(node, "href")))
        if parts["body"] or name not in {"inlineData", "inlineXML"}:
            continue
        if name == "inlineData":
            parts["body"] = text_body("".join(node.itertext()))
            continue
        for root in node:
            if local(root.tag) == "nitf":
                parts |= nitf.read_body(root)
            elif local(root.tag) == "html":
                parts["body"] = inner_html(child(root, "body"), drop={"header"})
    return parts
