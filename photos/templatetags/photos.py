"""{% picture image "role" %}: a responsive <picture> for a photo, shaped by where it is used.
{% story_body article %}: the story's sanitized body with its photos placed between paragraphs."""

import re
from collections import OrderedDict
from dataclasses import dataclass
from html.parser import HTMLParser

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

register = template.Library()


@dataclass(frozen=True)
class Role:
    crop: str
    sizes: str
    fallback_width: int
    lead: bool  # above the fold: loaded first, never lazily
    caption: bool


ROLES = {
    # the story's own photo, full frame, as wide as the story column (46rem)
    "article": Role("full", "(min-width: 48rem) 46rem, calc(100vw - 2rem)", 960, lead=True, caption=True),
    # the home page's lead story: the whole main column (beside a 20rem rail from 64rem)
    "lead": Role(
        "16x9", "(min-width: 78rem) 53rem, (min-width: 64rem) calc(100vw - 25rem), calc(100vw - 2rem)", 960, True, False
    ),
    # the home page's secondary stories: three across from 40rem, a thumbnail below that
    "card": Role("16x9", "(min-width: 78rem) 17rem, (min-width: 40rem) 30vw, 7rem", 640, lead=False, caption=False),
    # a photo inside the story's text: below the fold, so loaded lazily
    "body": Role("full", "(min-width: 48rem) 46rem, calc(100vw - 2rem)", 960, lead=False, caption=True),
    # a small picture beside a headline in a list
    "thumb": Role("4x3", "(min-width: 48rem) 8rem, 6rem", 320, lead=False, caption=False),
}


@register.simple_tag
def picture(image, role="thumb"):
    """Renders nothing for no photo, or one that is not ready for readers (no alt text)."""
    return picture_html(image, role)


# The markup of a photo in a role is a function of a few of its values, and a
# list page repeats it for every story with a photo (eleven rendition URLs
# each), so each worker keeps the last PICTURES_KEPT it made, keyed by all
# those values: an edit to the photo (alt text, caption, credit, focal point,
# file) makes a new key, never a stale picture; so does another photo with the
# same values, by its id.
PICTURES_KEPT = 512
_pictures = OrderedDict()


def picture_html(image, role):
    """The <figure><picture> markup of includes/picture.html for `image` in `role`."""
    if image is None or not image.publishable:
        return ""
    key = (
        role,
        image.pk,  # renditions live in a folder per photo (renditions.folder_of)
        image.file.storage.base_url,
        image.file.name,
        image.width,
        image.height,
        image.focal_x,
        image.focal_y,
        image.alt_text,
        image.caption,
        image.credit,
    )
    html = _pictures.get(key)
    if html is None:
        html = render_to_string("includes/picture.html", picture_context(image, role))
        _pictures[key] = html
        if len(_pictures) > PICTURES_KEPT:
            _pictures.popitem(last=False)
    return html


def picture_context(image, role):
    if image is None or not image.publishable:
        return {"image": None}
    spec = ROLES[role]
    fallback = image.rendition(spec.crop, spec.fallback_width)
    return {
        "image": image,
        "role": role,
        "spec": spec,
        "src": image.url(fallback),
        "width": fallback.width,
        "height": fallback.height,
        "webp_srcset": image.srcset(spec.crop, "webp"),
        "jpg_srcset": image.srcset(spec.crop, "jpg"),
    }


# What counts as a "paragraph" when placing photos: each block at the top of the body.
# Paragraphs inside a quote or a list item belong to that block and are not counted.
PARAGRAPHS = {"p", "ul", "ol", "blockquote", "h2", "h3", "h4"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _TopLevelEnds(HTMLParser):
    """Offsets in `html` just after the end of each top-level paragraph."""

    def __init__(self, html):
        super().__init__(convert_charrefs=False)
        self.html, self.depth, self.ends = html, 0, []
        self.line_starts = [0, *(m.end() for m in re.finditer("\n", html))]
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in VOID or self.depth == 0:
            return
        self.depth -= 1
        if self.depth == 0 and tag in PARAGRAPHS:
            line, column = self.getpos()
            self.ends.append(self.html.index(">", self.line_starts[line - 1] + column) + 1)


def paragraph_ends(html):
    return _TopLevelEnds(html).ends


@register.simple_tag
def story_body(article):
    """The stored body (sanitized on save by articles/sanitize.py, so output as it is), with
    each photo readers may see placed after its paragraph; photos past the last paragraph
    go at the end. Reads `article.body_photos()`: the article page reads them beforehand."""
    body = article.body or ""
    photos = [used for used in article.body_photos() if used.image.publishable]
    if not photos:
        return mark_safe(body)  # noqa: S308 -- sanitized when stored, as before photos
    ends = paragraph_ends(body)

    def offset(used):
        n = used.after_paragraph
        return 0 if n == 0 else ends[n - 1] if n <= len(ends) else len(body)

    pieces, done = [], 0
    for at, used in sorted(((offset(used), used) for used in photos), key=lambda pair: pair[0]):
        pieces += [body[done:at], "\n", picture_html(used.image, "body")]
        done = at
    pieces.append(body[done:])
    # The body pieces are the sanitized body, cut between elements; the figures escape their text.
    return mark_safe("".join(pieces))  # noqa: S308
