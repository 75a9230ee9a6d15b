"""A river of stories (home, archives, search) and the rail's lists, rendered in Python.

Lists are the one place a page repeats the same markup 20 times, and Django's
template engine costs about a third of a millisecond per story for it (each
variable is looked up, filtered and escaped node by node): on a 20-story
archive that was more than the rest of the page. The markup is the one
templates/includes/story_list.html used to hold; each value is escaped here
exactly as the template escaped it, and photos are the {% picture %} tag's
markup (photos/templatetags/photos.py).

A story's list item is the same every time but for its age ("5 minutes ago"),
so each worker keeps the last ITEMS_KEPT items it made, keyed by every value
they are made of (an edit makes a new key: a kept item is never stale), and
puts the age in on each page. Archives and search read their stories as plain
values (rows()): building 20 models with their source and photo cost as much
as the rest of the list.
"""

from collections import OrderedDict
from html import escape

from django.db.models.query import ValuesListIterable
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from photos.models import Image
from photos.templatetags.photos import picture_html

from .models import label_for, story_url
from .templatetags.readers import ago, datetime_attr, headline_html

ITEMS_KEPT = 2048
_items = OrderedDict()

IMAGE_FIELDS = [field.name for field in Image._meta.concrete_fields]  # as values_list() names them
IMAGE_ATTNAMES = [field.attname for field in Image._meta.concrete_fields]  # as Image.from_db() takes them


class ListedSource:
    """What a list shows of a story's source: its credit."""

    __slots__ = ("credit",)

    def __init__(self, credit):
        self.credit = credit


class RiverStory:
    """A story as a list shows it (story_list_html), read as plain values by rows():
    the Article attributes a list reads, its address and label as Article makes
    them, its source's credit and its lead photo (an Image, when it has one)."""

    __slots__ = (
        "pk",
        "headline",
        "slug",
        "kind",
        "precedence",
        "summary",
        "published_at",
        "source",
        "lead_image_id",
        "lead_image",
        "snippet",
        "snippet_html",
    )

    @property
    def label(self):
        return label_for(self.kind, self.precedence)

    def get_absolute_url(self):
        return story_url(self.slug, self.published_at)


_ROW = ("pk", "headline", "slug", "kind", "precedence", "summary", "published_at", "source__credit", "lead_image")
_IMAGE_AT = len(_ROW)
_IMAGE_END = _IMAGE_AT + len(IMAGE_FIELDS)


class RiverIterable(ValuesListIterable):
    """values_list() rows -> RiverStory objects (rows())."""

    def __iter__(self):
        db = self.queryset.db
        for row in super().__iter__():
            story = RiverStory()
            (
                story.pk,
                story.headline,
                story.slug,
                story.kind,
                story.precedence,
                story.summary,
                story.published_at,
                credit,
                story.lead_image_id,
            ) = row[:_IMAGE_AT]
            story.source = ListedSource(credit)
            photo = row[_IMAGE_AT:_IMAGE_END]
            story.lead_image = Image.from_db(db, IMAGE_ATTNAMES, photo) if story.lead_image_id is not None else None
            story.snippet = row[_IMAGE_END] if len(row) > _IMAGE_END else None
            story.snippet_html = None
            yield story


def rows(stories, snippet=None):
    """`stories` (an Article queryset, filtered and ordered) as RiverStory objects
    for story_list_html: one query of the values a list shows, no models but the
    photos. `snippet` names an annotation to carry along as `story.snippet`."""
    names = [*_ROW, *(f"lead_image__{name}" for name in IMAGE_FIELDS), *([snippet] if snippet else [])]
    queryset = stories.values_list(*names)
    queryset._iterable_class = RiverIterable  # noqa: SLF001 - Django's own hook for row shapes (values_list(named=True))
    return queryset


def _item(story, h, place):
    """A story's list item as two halves around its age: kept per worker (ITEMS_KEPT)."""
    image = picture_html(story.lead_image, "thumb") if story.lead_image_id else ""
    key = (
        place,
        h,
        story.pk,
        story.headline,
        story.slug,
        story.kind,
        story.precedence,
        story.published_at,
        story.source.credit,
        story.summary,
        image,
    )
    halves = _items.get(key)
    if halves is None:
        headline = headline_html(story)
        before = (
            f'  <li class="story-list__item">\n{image}'
            f'    <{h} class="story-list__headline"><a href="{escape(story.get_absolute_url())}">{headline}</a></{h}>\n'
            f'    <p class="story-list__meta">{escape(story.source.credit)} · '
            f'<time datetime="{datetime_attr(story.published_at)}">'
        )
        summary = f'    <p class="story-list__summary">{escape(story.summary)}</p>\n' if story.summary else ""
        halves = (before, "</time></p>\n", summary)
        _items[key] = halves
        if len(_items) > ITEMS_KEPT:
            _items.popitem(last=False)
    return halves


def story_list_html(stories, level=3, snippets=False, now=None):
    """<ol class="story-list"> of `stories`: photo, labelled headline linked to the
    story, credit and age, then the search snippet (`snippets`) or the summary.
    `level` is the headlines' heading level."""
    now = now or timezone.now()
    h = f"h{int(level)}"
    # Addresses follow the script prefix and URLconf, dates the time zone, labels the
    # language: all in the key.
    place = (get_script_prefix(), get_urlconf(), timezone.get_current_timezone_name(), get_language())
    items = []
    for story in stories:
        before, after, summary = _item(story, h, place)
        snippet = getattr(story, "snippet_html", None) if snippets else None
        if snippet:
            summary = f'    <p class="story-list__summary" data-snippet>{snippet}</p>\n'
        items.append(f"{before}{ago(story.published_at, now)}{after}{summary}  </li>\n")
    return mark_safe(f'<ol class="story-list">\n{"".join(items)}</ol>\n')  # noqa: S308 - every value escaped in _item()


def rail_list_html(items, now=None):
    """<ul class="rail__list"> of labelled headlines linked to their stories, each
    with its age when it has one: the article page's related stories (Articles) and
    the ticker's latest items (articles/ticker.TickerItem)."""
    now = now or timezone.now()
    lines = []
    for item in items:
        url = item.url if hasattr(item, "url") else item.get_absolute_url()
        published = getattr(item, "published", None)
        age = (
            f' <time class="rail__time" datetime="{datetime_attr(published)}">{ago(published, now)}</time>'
            if published
            else ""
        )
        lines.append(f'<li><a href="{escape(url)}">{headline_html(item)}</a>{age}</li>')
    return mark_safe(f'<ul class="rail__list">{"".join(lines)}</ul>')  # noqa: S308 - every value escaped above
