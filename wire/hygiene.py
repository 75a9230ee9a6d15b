"""Wire-copy hygiene: labels, datelines and end markers are data, not text.

Each function takes text and returns the cleaned text plus what it took off,
so the service can store it in its own field and the templates render it back.
"""

import html
import re

import nh3

from articles.models import Kind, Precedence

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

MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# "MOSCOW, March 24 (Xinhua) --" or "GROSSETO, Italy (AP) --": the place is the
# upper-case words before the first comma; region, date and credit may follow.
DATELINE_RE = re.compile(
    r"^(?P<lead>\s*<p[^>]*>\s*)"
    r"(?P<place>[A-Z][A-Z.'\- ]{1,60}?)"
    r"(?:,\s*[A-Z][\w.' -]{0,40}?)?"
    rf"(?:,\s*{MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"
    r"\s*\((?P<credit>[^()<>]{1,40})\)\s*(?:--|—|–|-)\s*"
)


def plain_text(value, limit=None):
    """Markup-free single-line text: tags (and script contents) removed, entities decoded."""
    text = " ".join(html.unescape(nh3.clean(value or "", tags=set())).split())
    return text[:limit].rstrip() if limit else text


def strip_prefixes(headline):
    """(headline, {"kind": …, "precedence": …}) with known labels taken off the front."""
    found = {}
    while match := PREFIX_RE.match(headline):
        field, value = PREFIXES[match.group(1).lower()]
        found.setdefault(field, value)
        headline = headline[match.end() :]
    return headline.strip(), found


def kind_for(genres):
    for genre in genres:
        key = re.sub(r"[^a-z]", "", genre.lower().rsplit(":", 1)[-1].rsplit("/", 1)[-1])
        if key in GENRE_KIND:
            return GENRE_KIND[key]
    return Kind.NEWS


def precedence_for(urgency):
    return URGENCY_PRECEDENCE.get(urgency, Precedence.ROUTINE)


def take_dateline(body_html):
    """(body, place) with "CITY, Month D (Credit) --" taken out of the first paragraph."""
    match = DATELINE_RE.match(body_html)
    if not match:
        return body_html, ""
    return match.group("lead") + body_html[match.end() :], match.group("place").strip()


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


def split_bylines(statement):
    """Names from a by-line statement: "By A, B and C" -> ["A", "B", "C"]."""
    text = plain_text(statement)
    text = re.sub(r"^by\s+", "", text, flags=re.IGNORECASE)
    parts = re.split(r"\s*(?:,|;|&|\band\b)\s*", text)
    return [p[:120] for p in (part.strip() for part in parts) if p]


def tidy_html(body_html):
    """Whitespace inside the HTML collapsed (wire bodies come pretty-printed)."""
    return re.sub(r"\s+", " ", body_html or "").strip()
