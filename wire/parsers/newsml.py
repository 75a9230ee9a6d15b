"""NewsML-G2 `newsItem` and `newsMessage` (many items), streamed.

The XML is read with defusedxml: a DTD, entity or external reference is
refused, which stops XXE and "billion laughs" before anything expands. A
`newsMessage` is read item by item with iterparse and each item is dropped
once read, so memory stays flat however many items the message holds.
Bodies come from `inlineXML` (NITF `body.content` or XHTML `body`) or
`inlineData` (plain text).
"""

import html
import io
import xml.etree.ElementTree as ET  # noqa: S405 -- only for tostring and ParseError; parsing goes through defusedxml
from urllib.parse import urlsplit

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from . import Rejected, WireError, WireItem, item_too_big, one_line, parse_int, parse_time
from .ninjs import text_to_html

ROOTS = {"newsItem", "newsMessage", "packageItem", "conceptItem", "planningItem", "knowledgeItem", "catalogItem"}
ITEMS = ROOTS - {"newsMessage"}
STORY_CLASSES = {"text", "composite", ""}


def local(tag):
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def xml_error(error):
    if isinstance(error, DefusedXmlException):
        return f"unsafe XML refused ({type(error).__name__}): DTDs and entities are not allowed"
    return f"XML not well-formed: {error}"


def root_name(data):
    """The local name of the root element, or a Rejected if the XML is unsafe or broken before it."""
    try:
        for _event, elem in iterparse(io.BytesIO(data), events=("start",), forbid_dtd=True):
            return local(elem.tag)
    except (ET.ParseError, DefusedXmlException) as error:
        return Rejected("-", xml_error(error))
    return Rejected("-", "empty XML document")


def parse(data):
    depth, item_set = 0, None
    try:
        for event, elem in iterparse(io.BytesIO(data), events=("start", "end"), forbid_dtd=True):
            name = local(elem.tag)
            if event == "start":
                depth += 1
                if name == "itemSet" and depth == 2:
                    item_set = elem
                continue
            depth -= 1
            at_top = depth == 0 or (depth == 2 and item_set is not None)
            if name in ITEMS and at_top:
                yield read_item(elem, name)
                if item_set is not None:
                    item_set.remove(elem)  # drop what we have read: memory stays flat
            elif name == "header" and depth == 1:
                elem.clear()
    except (ET.ParseError, DefusedXmlException) as error:
        yield Rejected("-", xml_error(error))


def read_item(elem, name):
    guid = one_line(elem.get("guid") or "", 255)
    if not guid:
        return Rejected("-", f"missing guid on <{name}>")
    if name != "newsItem":
        return Rejected(guid, f"<{name}> is not a story (only newsItem is ingested)")
    try:
        return read_news_item(elem, guid)
    except WireError as error:
        return Rejected(guid, str(error))


def child(elem, name):
    if elem is None:
        return None
    for node in elem:
        if local(node.tag) == name:
            return node
    return None


def children(elem, name):
    return [node for node in (elem if elem is not None else []) if local(node.tag) == name]


def text_of(elem):
    return " ".join("".join(elem.itertext()).split()) if elem is not None else ""


def qcode_tail(elem):
    code = (elem.get("qcode") or elem.get("literal") or elem.get("uri") or "") if elem is not None else ""
    return code.rsplit(":", 1)[-1].rstrip("/").rsplit("/", 1)[-1]


def concept_name(elem):
    """A concept's <name>, else its literal, else the code after the scheme."""
    return text_of(child(elem, "name")) or (elem.get("literal") or "") or qcode_tail(elem)


def provider_name(elem):
    """The provider's <name>, literal, code ("nprov:REUTERS" -> "REUTERS") or web host."""
    if elem is None:
        return ""
    if text_of(child(elem, "name")) or elem.get("literal"):
        return concept_name(elem)
    if elem.get("qcode"):
        return elem.get("qcode").split(":", 1)[-1]
    host = urlsplit(elem.get("uri") or "").hostname or ""
    return host.removeprefix("www.")


def read_news_item(elem, guid):
    meta, content = child(elem, "itemMeta"), child(elem, "contentMeta")
    item_class = qcode_tail(child(meta, "itemClass"))
    if item_class not in STORY_CLASSES:
        raise WireError(f"item class {item_class!r} is not a story (only text items are ingested)")
    pubstatus = qcode_tail(child(meta, "pubStatus")) or "usable"
    if pubstatus not in {"usable", "withheld", "canceled"}:
        raise WireError(f"pubStatus must be usable, withheld or canceled, not {pubstatus[:20]!r}")
    body_html, nitf_headline, nitf_byline = read_body(child(elem, "contentSet"))
    creators = [concept_name(c) for c in children(content, "creator")]
    item = WireItem(
        guid=guid,
        format="newsml",
        headline=text_of(child(content, "headline")) or nitf_headline,
        body_html=body_html,
        summary=text_of(child(content, "description")),
        version=parse_int(elem.get("version"), "version", low=0),
        version_created=parse_time(text_of(child(meta, "versionCreated")), "versionCreated"),
        first_created=parse_time(text_of(child(meta, "firstCreated")), "firstCreated"),
        pubstatus=pubstatus,
        embargoed=parse_time(text_of(child(meta, "embargoed")), "embargoed"),
        urgency=parse_int(text_of(child(content, "urgency")), "urgency", low=1, high=9),
        genres=[concept_name(g) for g in children(content, "genre")],
        bylines=[text_of(child(content, "by")) or nitf_byline or ", ".join(creators)],
        provider=provider_name(child(meta, "provider")),
        subjects=[concept_name(s) for s in children(content, "subject") if text_of(child(s, "name"))]
        + [text_of(k) for k in children(content, "keyword")],
        language=(child(content, "language").get("tag", "") if child(content, "language") is not None else "")
        or elem.get("{http://www.w3.org/XML/1998/namespace}lang", ""),
        slugline=text_of(child(content, "slugline")),
        located=concept_name(child(content, "located")) if child(content, "located") is not None else "",
        ednote=text_of(child(meta, "edNote")),
    )
    too_big = item_too_big(item.headline, item.body_html, item.summary)
    if too_big:
        raise WireError(too_big)
    return item


def read_body(content_set):
    """(body HTML, NITF headline, NITF byline) from the first usable content."""
    for node in content_set if content_set is not None else []:
        if local(node.tag) == "inlineData":
            return text_to_html("".join(node.itertext())), "", ""
        if local(node.tag) != "inlineXML":
            continue
        for root in node:
            if local(root.tag) == "nitf":
                body = child(root, "body")
                head = child(body, "body.head")
                hedline = text_of(child(child(head, "hedline"), "hl1"))
                return inner_html(child(body, "body.content")), hedline, nitf_byline(child(head, "byline"))
            if local(root.tag) == "html":
                return inner_html(child(root, "body")), "", ""
        return "", "", ""
    return "", "", ""


def nitf_byline(byline):
    """The person in a NITF byline, without the title (<byttl>) after it."""
    if byline is None:
        return ""
    return " ".join((byline.text or "").split()).rstrip(", ")


def inner_html(container):
    """The container's children as HTML, namespaces dropped; the sanitizer cleans it later."""
    if container is None:
        return ""
    for node in container.iter():
        node.tag = local(node.tag)
        node.attrib = {local(k): v for k, v in node.attrib.items()}
    lead = html.escape(container.text or "")
    return (lead + "".join(ET.tostring(node, encoding="unicode", method="html") for node in container)).strip()
