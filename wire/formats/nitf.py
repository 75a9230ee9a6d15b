"""NITF 3.x (News Industry Text Format): standalone files, and the NITF body inside NewsML.

A standalone `<nitf>` file is one story. Its identity is `docdata/doc-id@id-string`;
the version `du-key@version`; times are `date.issue`/`date.release` in ISO 8601
basic form (`20171011T103000+0200`); the credit is `doc.copyright@holder`, else
`body.head/distributor`. Any encoding the XML declaration names is honoured.
"""

from ..item import Author, Rejected, WireError, WireItem, item_too_big, one_line, parse_int, parse_time
from .xml import ParseErrors, attr, child, children, find, inner_html, iterparse, local, text_of, xml_error

ROOT = "nitf"
# NITF subheads are our h3 (the headline is the page's h1); tags NITF has and HTML has not.
RENAMES = {"hl2": "h3", "block": "div"}
DROP = {"media", "nitf-table-metadata"}
# NITF ed-urg: 1 most urgent … 8 least; the same scale as IPTC urgency at the top.
STATUS = {"usable": "usable", "embargoed": "usable", "withheld": "withheld", "canceled": "canceled"}


def parse(data):
    try:
        for event, elem in iterparse(data, events=("end",)):
            if event == "end" and local(elem.tag) == ROOT:
                yield read_file(elem)
    except ParseErrors as error:
        yield Rejected("-", xml_error(error))


def read_file(root):
    head, docdata = child(root, "head"), find(root, "head", "docdata")
    guid = one_line(attr(child(docdata, "doc-id"), "id-string"), 255)
    if not guid:
        return Rejected("-", "missing docdata/doc-id id-string (the NITF story's identifier)")
    try:
        item = read(root, guid, head, docdata)
    except WireError as error:
        return Rejected(guid, str(error))
    too_big = item_too_big(item.headline, item.body_html, item.summary)
    return Rejected(guid, too_big) if too_big else item


def read(root, guid, head, docdata):
    body = child(root, "body")
    parts = read_body(root)
    status = attr(docdata, "management-status") or "usable"
    if status not in STATUS:
        raise WireError(f"management-status must be usable, embargoed, withheld or canceled, not {status[:20]!r}")
    issue = attr(child(docdata, "date.issue"), "norm")
    return WireItem(
        guid=guid,
        format="nitf",
        headline=parts["headline"] or text_of(child(head, "title")),
        body_html=parts["body"],
        summary=text_of(find(body, "body.head", "abstract")),
        version=parse_int(attr(child(docdata, "du-key"), "version"), "du-key version", low=0),
        version_created=parse_time(issue, "date.issue"),
        first_created=parse_time(issue, "date.issue"),
        pubstatus=STATUS[status],
        embargoed=parse_time(attr(child(docdata, "date.release"), "norm"), "date.release"),
        urgency=parse_int(attr(child(docdata, "urgency"), "ed-urg"), "urgency", low=1, high=9),
        authors=parts["authors"],
        bylines=parts["bylines"],
        provider=attr(child(docdata, "doc.copyright"), "holder") or text_of(find(body, "body.head", "distributor")),
        credits=[text_of(find(body, "body.head", "distributor")), attr(child(docdata, "doc-id"), "regsrc")],
        subjects=subjects(docdata, head),
        language=attr(root, "{http://www.w3.org/XML/1998/namespace}lang") or attr(root, "lang"),
        located=parts["located"],
        ednote=attr(child(docdata, "ed-msg"), "info"),
    )


def subjects(docdata, head):
    found = [attr(k, "key") for k in children(child(docdata, "key-list"), "keyword")]
    for tobject in children(head, "tobject"):
        for subject in children(tobject, "tobject.subject"):
            found.append(
                attr(subject, "tobject.subject.detail")
                or attr(subject, "tobject.subject.matter")
                or attr(subject, "tobject.subject.type")
            )
    for meta in children(head, "meta"):
        if attr(meta, "name").lower() in {"keywords", "subject"}:
            found.extend(attr(meta, "content").split(","))
    return [s for s in found if s.strip()]


def read_body(root):
    """Headline, body HTML, bylines, authors and dateline place from a `<nitf>` element."""
    body = child(root, "body")
    head = child(body, "body.head")
    headline = text_of(find(head, "hedline", "hl1")) or text_of(find(root, "head", "title"))
    authors, bylines = [], []
    for byline in children(head, "byline"):
        people = children(byline, "person")
        role = text_of(child(byline, "byttl"))
        if people:
            authors.extend(Author(name=text_of(p), role=role) for p in people if text_of(p))
        else:
            bylines.append(" ".join((byline.text or "").split()).rstrip(", "))
    dateline = child(head, "dateline")
    located = text_of(find(dateline, "location", "city")) or text_of(child(dateline, "location"))
    return {
        "headline": headline,
        "body": inner_html(child(body, "body.content"), renames=RENAMES, drop=DROP),
        "bylines": bylines,
        "authors": authors,
        "located": located,
    }
