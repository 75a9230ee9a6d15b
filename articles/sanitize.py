"""The one HTML cleaner for stored story bodies (nh3, the Rust ammonia sanitizer).

Allowed: paragraphs, links, lists, emphasis, quotes, headings, line breaks.
Everything that runs (scripts, event handlers, javascript: URLs, styles,
iframes) is removed. The editor (django-prose-editor) offers the same set.
"""

import nh3

ALLOWED_TAGS = {
    "p", "br", "a", "ul", "ol", "li", "em", "strong", "b", "i",
    "blockquote", "h2", "h3", "h4", "hr", "sub", "sup",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}

# The matching django-prose-editor extensions: what editors can make is what we keep.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Subscript": True,
    "Superscript": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,  # the lists above need it, or the editor fails to start
    "Blockquote": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Link": {"enableTarget": False},
    "History": True,
    "NoSpellCheck": False,  # the editor turns the browser's spellcheck off unless told not to
}

_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes={"http", "https", "mailto"},
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def clean_html(html):
    """Return `html` with everything not on the allow-list removed."""
    cleaned = _cleaner.clean(html or "").strip()
    # ProseMirror's empty document is one empty paragraph: store it as empty.
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned
