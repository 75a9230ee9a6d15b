"""Our stories as ninjs 2.2 documents for wire subscribers (see docs/wire.md)."""

import html
import re
from datetime import UTC

from django.utils import timezone

from articles.models import Kind

GENRE_URI = "http://cv.iptc.org/newscodes/genre/"
# Our kinds as IPTC genres (the reverse of wire.normalise.GENRE_KIND).
KIND_GENRE = {
    Kind.INTERVIEW: "Interview",
    Kind.FEATURE: "Feature",
    Kind.ROUNDUP: "WrapUp",
    Kind.ANALYSIS: "Analysis",
    Kind.COMMENTARY: "Opinion",
}


def iso(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


def by_statement(names):
    """ "A", "A and B", "A, B and C"."""
    if len(names) < 3:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def body_for_wire(article):
    """The body as the agency moved it: dateline back in front, end marker back at the close."""
    body = article.body
    if article.dateline:
        day = timezone.localtime(article.dated)
        dateline = html.escape(f"{article.dateline}, {day:%B} {day.day} ({article.source.credit}) -- ")
        body = (
            re.sub(r"^<p([^>]*)>", lambda m: f"<p{m.group(1)}>{dateline}", body, count=1)
            if body
            else f"<p>{dateline}</p>"
        )
    if article.source.end_marker and body.endswith("</p>"):
        body = f"{body[:-4]} {html.escape(article.source.end_marker)}</p>"
    return body


def document(article, request):
    """A published story as a ninjs 2.2 object."""
    doc = {
        "uri": article.guid,
        "type": "text",
        "version": str(article.version),
        "firstcreated": iso(article.published_at),
        "versioncreated": iso(article.updated_at or article.published_at),
        "pubstatus": "usable",
        "urgency": article.urgency,
        "language": article.language,
        "headlines": [{"role": "main", "contenttype": "text/plain", "value": article.headline}],
        "bodies": [{"role": "main", "contenttype": "application/xhtml+xml", "value": body_for_wire(article)}],
        "infosources": [{"name": article.source.name}],
        "copyrightholder": article.source.name,
        "renditions": [
            {"name": "web", "href": request.build_absolute_uri(article.get_absolute_url()), "contenttype": "text/html"}
        ],
    }
    names = [byline.name for byline in article.ordered_bylines()]
    if names:
        doc["by"] = by_statement(names)
    if article.dateline:
        doc["located"] = article.dateline
    if article.summary:
        doc["descriptions"] = [{"role": "summary", "contenttype": "text/plain", "value": article.summary}]
    if article.kind in KIND_GENRE:
        genre = KIND_GENRE[article.kind]
        doc["genres"] = [{"name": genre, "uri": GENRE_URI + genre}]
    tags = [{"name": tag.name} for tag in article.topic_tags()]
    if tags:
        doc["subjects"] = tags
    photo = article.lead_image
    if photo and photo.publishable:
        doc["associations"] = [photo.ninjs_association(request)]
    return doc


def canceled(article):
    """A withdrawn story: its identity and the kill, none of its text."""
    doc = {
        "uri": article.guid,
        "type": "text",
        "version": str(article.version),
        "versioncreated": iso(article.updated_at or article.modified_at),  # the agency's time for a wire kill
        "pubstatus": "canceled",
    }
    if article.withdrawn_reason:
        doc["ednote"] = article.withdrawn_reason
    return doc
