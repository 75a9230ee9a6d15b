"""From an item as the agency sent it to the story we store: one pure function, no database.

`normalise(item, end_marker, zone)` cleans the text, takes the labels, the
dateline and the end marker out of it (they are data: the pages render them
back), reads the bylines into people, the subjects into tags, and puts times
without an offset into the source's zone. `agency_name(item)` says which
agency to credit, before the source is looked up.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import nh3

from articles.models import Kind, Precedence
from articles.sanitize import clean_html

from .item import Author, Picture, WireItem

MAX_TAGS = 30

# Headline prefixes agencies type by hand, and what each one means.
PREFIXES = {
    "flash": ("precedence", Precedence.FLASH),
    "urgent": ("precedence", Precedence.URGENT),
    "interview": ("kind", Kind.INTERVIEW),
    "feature": ("kind", Kind.FEATURE),
    "roundup": ("kind", Kind.ROUNDUP),
    "analysis": ("kind", Kind.ANALYSIS),
    "commentary": ("kind", Kind.COMMENTARY),
}
PREFIX_RE = re.compile(r"^\s*(" + "|".join(PREFIXES) + r")\s*:\s*", re.IGNORECASE)

# IPTC urgency (1 most urgent … 9 least) to our precedence; the rest are routine.
URGENCY_PRECEDENCE = {1: Precedence.FLASH, 2: Precedence.URGENT}
PRECEDENCE_URGENCY = {Precedence.FLASH: 1, Precedence.URGENT: 2}
PRECEDENCE_ORDER = [Precedence.FLASH, Precedence.URGENT, Precedence.ROUTINE]

# IPTC genre names/codes (letters only, lower case) to our kinds.
GENRE_KIND = {
    "interview": Kind.INTERVIEW,
    "feature": Kind.FEATURE,
    "wrapup": Kind.ROUNDUP,
    "summary": Kind.ROUNDUP,
    "roundup": Kind.ROUNDUP,
    "analysis": Kind.ANALYSIS,
    "opinion": Kind.COMMENTARY,
    "commentary": Kind.COMMENTARY,
}

# Datelines, as agencies open the first paragraph (docs/wire.md has the table).
UP = "A-ZÀ-ÖØ-ÞĀ-Ž"  # capital letters, Latin scripts
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
MONTH_I = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE = rf"(?:{MONTH_I}\s+\d{{1,2}}|\d{{1,2}}\.?\s+{MONTH_I})(?:,?\s+\d{{4}})?"
CREDIT = rf"\((?P<credit>[{UP}][\w.&/' -]{{0,30}}|[a-z]{{2,5}})\)"  # (Xinhua), (AP), (dpa)
SEP = r"\s*(?:--|—|–|-|:)\s*"
CAPS_PLACE = rf"(?P<place>[{UP}][{UP}.'’\- ]{{1,40}}?)"
PLACE = rf"(?P<place>[{UP}][\w.'’-]*(?:\s[\w.'’-]+){{0,2}}?)"
REGION = rf"(?:,\s*[{UP}][\w.'’ -]{{0,40}}?)?"
DATELINES = [
    # Jan 3 (OPTA) -   (a date and a credit, no place)
    rf"{DATE}\s*{CREDIT}{SEP}",
    # MOSCOW, March 24 (Xinhua) --   GROSSETO, Italy (AP) --   London (dpa) -   Oslo (NTB):   Paris, 11 oct (AFP) -
    rf"{PLACE}{REGION}(?:,\s*{DATE})?\s*{CREDIT}{SEP}",
    # (ANSA) - Rome, October 11 -
    rf"{CREDIT}{SEP}{PLACE}(?:,\s*{DATE})?{SEP}",
    # WASHINGTON — (capitals and a long dash, no credit)
    rf"{CAPS_PLACE}{REGION}(?:,\s*{DATE})?\s*(?:--|—|–)\s+",
]
DATELINE_RES = [re.compile(r"^(?P<lead>\s*<p[^>]*>\s*)" + pattern) for pattern in DATELINES]

HEADER_RE = re.compile(r"<header\b.*?</header\s*>", re.IGNORECASE | re.DOTALL)
BLOCK_GAP_RE = re.compile(r"\s*(</?(?:p|h[1-6]|ul|ol|li|blockquote|hr|br)\b[^>]*>)\s*", re.IGNORECASE)
EMPTY_PARAGRAPH_RE = re.compile(r"<p>(?:\s|&nbsp;|&#160;|\xa0|<br>)*</p>", re.IGNORECASE)

# Words that make the part after a comma in a byline an affiliation or a role, not another person.
AFFILIATION_WORDS = re.compile(
    r"\b(?:university|universit\w+|institute|college|school|agency|press|news|times|post|centre|center|"
    r"foundation|ministry|department|bureau|association|society|hospital|museum|council|group|inc|ltd|"
    r"gmbh|reuters|afp|ap|dpa|ansa|xinhua|efe|tt|ntb|ritzau|stt|kyodo|yonhap|aap)\b",
    re.IGNORECASE,
)
ROLE_WORDS = re.compile(
    r"\b(?:writer|correspondent|reporter|editor|photographer|columnist|analyst|staff|contributor|"
    r"producer|journalist|chief|bureau chief)\b",
    re.IGNORECASE,
)


@dataclass
class Story:
    """What the service stores for one item: clean, labelled, dated, credited."""

    guid: str
    format: str
    headline: str
    kind: str
    precedence: str
    urgency: int
    dateline: str
    body: str
    summary: str
    language: str
    slugline: str
    editors_note: str
    pubstatus: str
    version: int | None
    version_created: datetime | None
    first_created: datetime | None
    embargo_until: datetime | None
    authors: list[Author] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)


def normalise(item: WireItem, end_marker="", zone="UTC") -> Story:
    """The story to store for `item`, credited to a source whose end marker and time zone are given."""
    headline, labels = strip_prefixes(plain_text(item.headline))
    precedence = higher(labels.get("precedence", Precedence.ROUTINE), URGENCY_PRECEDENCE.get(item.urgency))
    body, place = take_dateline(tidy_html(item.body_html))
    tz = time_zone(zone)
    return Story(
        guid=item.guid,
        format=item.format,
        headline=headline,
        kind=labels.get("kind") or kind_for(item.genres),
        precedence=precedence,
        urgency=item.urgency or PRECEDENCE_URGENCY.get(precedence, 5),
        dateline=(place or plain_text(item.located))[:100],
        body=take_end_marker(body, end_marker),
        summary=plain_text(item.summary),
        language=plain_text(item.language)[:12] or "en",
        slugline=plain_text(item.slugline, 100),
        editors_note=plain_text(item.ednote),
        pubstatus=item.pubstatus,
        version=item.version,
        version_created=aware(item.version_created, tz),
        first_created=aware(item.first_created, tz),
        embargo_until=aware(item.embargoed, tz),
        authors=people(item),
        tags=tags(item.subjects),
        pictures=[clean_picture(p) for p in item.pictures],
    )


def agency_name(item):
    """Whom to credit: the provider's name, else the copyright holder / credit line / info source, else its web host."""
    for name in [item.provider, *item.credits, item.provider_uri]:
        text = plain_text(name, 100)
        if text:
            return text
    return ""


def plain_text(value, limit=None):
    """Markup-free single-line text: tags (and script contents) removed, entities decoded."""
    if not value:
        return ""
    if "<" in value or "&" in value:
        value = html.unescape(nh3.clean(value, tags=set()))
    text = " ".join(value.split())
    return text[:limit].rstrip() if limit else text


def strip_prefixes(headline):
    """(headline, {"kind": …, "precedence": …}) with known labels taken off the front."""
    found = {}
    while match := PREFIX_RE.match(headline):
        name, value = PREFIXES[match.group(1).lower()]
        found.setdefault(name, value)
        headline = headline[match.end() :]
    return headline.strip(), found


def higher(a, b):
    return min(a, b or Precedence.ROUTINE, key=PRECEDENCE_ORDER.index)


def kind_for(genres):
    for genre in genres:
        key = re.sub(r"[^a-z]", "", genre.lower().rsplit(":", 1)[-1].rsplit("/", 1)[-1])
        if key in GENRE_KIND:
            return GENRE_KIND[key]
    return Kind.NEWS


def tidy_html(body_html):
    """The body sanitized, with an XHTML <header> dropped, whitespace collapsed (none between blocks) and empty
    paragraphs gone."""
    body = HEADER_RE.sub("", body_html or "")
    body = clean_html(" ".join(body.split()))
    return EMPTY_PARAGRAPH_RE.sub("", BLOCK_GAP_RE.sub(r"\1", body)).strip()


def take_dateline(body_html):
    """(body, place) with the dateline taken out of the first paragraph; place "" when it names none."""
    for pattern in DATELINE_RES:
        match = pattern.match(body_html)
        if match:
            place = (match.groupdict().get("place") or "").strip(" ,")
            return match.group("lead") + body_html[match.end() :], place
    return body_html, ""


def take_end_marker(body_html, marker):
    """The body without the agency's end marker ("Enditem") closing its last paragraph."""
    if not marker:
        return body_html
    pattern = re.compile(
        r"(?P<open><p[^>]*>)?\s*(?<!\w)[(\[]?" + re.escape(marker) + r"[)\].]?\s*(?P<close></p>)?\s*$", re.IGNORECASE
    )
    match = pattern.search(body_html)
    if not match:
        return body_html
    head = body_html[: match.start()].rstrip()
    if match.group("open"):  # the marker stood alone in its paragraph: the paragraph goes too
        return head
    return head + (match.group("close") or "")


def people(item):
    """The people credited, in order, each once: structured authors first, else the by-line statements."""
    found = [
        Author(plain_text(a.name, 120), plain_text(a.role, 60), plain_text(a.affiliation, 120)) for a in item.authors
    ]
    if not found:
        for statement in item.bylines:
            found.extend(split_bylines(statement))
    unique, seen = [], set()
    for author in found:
        if author.name and author.name.lower() not in seen:
            seen.add(author.name.lower())
            unique.append(author)
    return unique


def split_bylines(statement):
    """People in a by-line statement.

    "By A, B and C" is three people; "Aaron J. Staples, Michigan State University" is one
    person with an affiliation; "Jane Doe, Staff Writer" one person with a role.
    """
    text = re.sub(r"^by[:\s]+", "", plain_text(statement), flags=re.IGNORECASE)
    found = []
    for group in re.split(r"\s*;\s*", text):
        if re.search(r"\band\b|&", group):
            parts = [p.strip() for p in re.split(r"\s*(?:,|&|\band\b)\s*", group) if p.strip()]
        else:
            parts = [p.strip() for p in group.split(",") if p.strip()]
            if len(parts) > 1 and not all(looks_like_name(p) and not describes(p) for p in parts[1:]):
                parts = [", ".join(parts)]
        for part in parts:
            if found and describes(part):
                attach(found[-1], part)
            else:
                found.append(person(part))
    return [a for a in found if a.name]


def person(text):
    """ "Aaron J. Staples, Michigan State University" -> Author(name, affiliation=...)."""
    name, _, rest = text.partition(",")
    author = Author(name=name.strip()[:120])
    for part in (p.strip() for p in rest.split(",")):
        if part:
            attach(author, part)
    return author


def attach(author, part):
    if ROLE_WORDS.search(part) and not author.role:
        author.role = part[:60]
    elif not author.affiliation:
        author.affiliation = part[:120]


def describes(part):
    return bool(AFFILIATION_WORDS.search(part) or ROLE_WORDS.search(part))


def looks_like_name(part):
    words = part.split()
    return 1 < len(words) <= 4 and all(w[:1].isupper() for w in words)


def tags(subjects):
    found, seen = [], set()
    for subject in subjects:
        name = plain_text(subject, 100)
        if name and name.lower() not in seen:
            seen.add(name.lower())
            found.append(name)
    return found[:MAX_TAGS]


def time_zone(name):
    try:
        return ZoneInfo(name or "UTC")
    except (ValueError, KeyError, OSError):
        return UTC


def aware(moment, zone):
    """Times without an offset are in the source's zone; with one, kept as sent."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=zone)


def clean_picture(picture):
    return Picture(
        href=picture.href.strip(),
        caption=plain_text(picture.caption, 1000),
        alt=plain_text(picture.alt, 300),
        credit=plain_text(picture.credit, 200),
        copyright_holder=plain_text(picture.copyright_holder, 200),
    )
