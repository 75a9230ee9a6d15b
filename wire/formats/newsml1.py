"""NewsML 1.x (1.2): a `<NewsML>` envelope holding `<NewsItem>`s, streamed item by item.

Identity is the `NewsIdentifier` without its revision
(`urn:newsml:ProviderId:DateId:NewsItemId`); the version is `RevisionId`.
Metadata sits in `NewsManagement` (times, status, urgency) and the
`NewsComponent`'s `NewsLines` (headline, byline, dateline, credit line) and
metadata blocks; the text is the first `ContentItem`'s `DataContent`: an
embedded NITF document, XHTML, or plain text. Photo `ContentItem`s with an
`Href` come along as pictures.
"""

from ..item import Picture, Rejected, WireError, WireItem, item_too_big, one_line, parse_int, parse_time, text_body
from . import nitf
from .xml import ParseErrors, attr, child, children, find, inner_html, iterparse, local, text_of, xml_error

ROOT = "NewsML"
STATUS = {"usable": "usable", "withheld": "withheld", "canceled": "canceled", "cancelled": "canceled"}


def parse(data):
    depth, envelope = 0, None
    try:
        for event, elem in iterparse(data):
            name = local(elem.tag)
            if event == "start":
                depth += 1
                if depth == 1:
                    envelope = elem
                continue
            depth -= 1
            if name == "NewsItem" and depth == 1:
                yield read_item(elem)
                envelope.remove(elem)  # memory stays flat however many items the file holds
    except ParseErrors as error:
        yield Rejected("-", xml_error(error))


def read_item(elem):
    ident = find(elem, "Identification", "NewsIdentifier")
    parts = [text_of(child(ident, n)) for n in ("ProviderId", "DateId", "NewsItemId")]
    if not all(parts):
        public = text_of(child(ident, "PublicIdentifier"))
        if not public:
            return Rejected("-", "missing NewsIdentifier (ProviderId, DateId, NewsItemId) on <NewsItem>")
        parts = public.removeprefix("urn:newsml:").split(":")[:3]
    guid = one_line("urn:newsml:" + ":".join(parts), 255)
    try:
        return read(elem, guid, ident)
    except WireError as error:
        return Rejected(guid, str(error))


def formal(elem):
    return attr(elem, "FormalName")


def read(elem, guid, ident):
    management = child(elem, "NewsManagement")
    status = formal(child(management, "Status")).lower() or "usable"
    if status not in STATUS:
        raise WireError(f"Status must be Usable, Withheld or Canceled, not {status[:20]!r}")
    component = child(elem, "NewsComponent")
    lines = child(component, "NewsLines")
    admin, rights = child(component, "AdministrativeMetadata"), child(component, "RightsMetadata")
    described = child(component, "DescriptiveMetadata")
    content = first_text_content(component)
    embedded = content["nitf"]
    revision_created = text_of(child(management, "ThisRevisionCreated"))
    item = WireItem(
        guid=guid,
        format="newsml1",
        headline=text_of(child(lines, "HeadLine")) or embedded.get("headline", ""),
        body_html=content["body"],
        summary=text_of(child(lines, "SubHeadLine")),
        version=parse_int(text_of(child(ident, "RevisionId")), "RevisionId", low=0),
        version_created=parse_time(revision_created, "ThisRevisionCreated"),
        first_created=parse_time(text_of(child(management, "FirstCreated")), "FirstCreated"),
        pubstatus=STATUS[status],
        urgency=parse_int(formal(child(management, "Urgency")), "Urgency", low=1, high=9),
        genres=[formal(g) for g in children(described, "Genre")],
        bylines=[text_of(b) for b in children(lines, "ByLine")] or embedded.get("bylines", []),
        authors=[] if children(lines, "ByLine") else embedded.get("authors", []),
        provider="" if is_host(party(child(admin, "Provider"))) else party(child(admin, "Provider")),
        credits=[text_of(child(lines, "CreditLine")), text_of(find(rights, "Copyright", "CopyrightHolder"))],
        provider_uri=text_of(child(ident, "ProviderId")),
        subjects=subjects(described),
        language=formal(child(described, "Language")),
        slugline=text_of(child(lines, "SlugLine")),
        located=located(described, lines) or embedded.get("located", ""),
        ednote=" ".join(text_of(n) for n in children(management, "Instruction") if text_of(n)),
        pictures=content["pictures"],
    )
    too_big = item_too_big(item.headline, item.body_html, item.summary)
    if too_big:
        raise WireError(too_big)
    return item


def is_host(name):
    """ "afp.com", "nordwire.example": a web host, the last resort for a credit, not a name."""
    return "." in name and " " not in name


def party(elem):
    found = child(elem, "Party")
    return formal(found) or text_of(found)


def subjects(described):
    names = []
    for code in children(described, "SubjectCode"):
        for subject in code:
            names.append(attr(subject, "Explanation") or formal(subject))
    for keyword in children(described, "Property"):
        if formal(keyword).lower() == "keyword":
            names.append(attr(keyword, "Value"))
    return [n for n in names if n]


def located(described, lines):
    for location in children(described, "Location"):
        for prop in children(location, "Property"):
            if formal(prop).lower() == "city" and attr(prop, "Value"):
                return attr(prop, "Value")
    return ""


def first_text_content(component):
    """The story text (NITF, XHTML or plain) and any photos, searching nested NewsComponents."""
    found = {"body": "", "nitf": {}, "pictures": []}
    components = [c for c in component.iter() if local(c.tag) == "NewsComponent"] if component is not None else []
    for part in components:
        items = children(part, "ContentItem")
        captions = [text_of(find(i, "DataContent")) for i in items if formal(child(i, "Role")).lower() == "caption"]
        for item in items:
            media = formal(child(item, "MediaType")).lower()
            if media in {"photo", "graphic"} and attr(item, "Href"):
                caption = next(iter(captions), "") or text_of(find(part, "NewsLines", "HeadLine"))
                credit = text_of(find(part, "NewsLines", "CreditLine")) or text_of(find(part, "NewsLines", "ByLine"))
                found["pictures"].append(Picture(href=attr(item, "Href"), caption=caption, credit=credit))
                continue
            data = child(item, "DataContent")
            if found["body"] or data is None or media not in {"", "text"} or captions and len(items) == 1:
                continue
            if formal(child(item, "Role")).lower() == "caption":
                continue
            found["body"], found["nitf"] = read_data(data)
    return found


def read_data(data):
    inner = list(data)
    if inner and local(inner[0].tag) == "nitf":
        parts = nitf.read_body(inner[0])
        return parts["body"], parts
    if inner and local(inner[0].tag) == "html":
        return inner_html(child(inner[0], "body"), drop={"header"}), {}
    if inner:
        return inner_html(data), {}
    return text_body(data.text or ""), {}
