"""A river of stories (home, archives, search) and the rail's lists, rendered in Python.

Lists are the one place a page repeats the same markup 20 times, and Django's
template engine costs about a third of a millisecond per story for it (each
variable is looked up, filtered and escaped node by node): on a 20-story
archive that was more than the rest of the page. The markup is the one
templates/includes/story_list.html used to hold; each value is escaped here
exactly as the template escaped it, and photos are the {% picture %} tag's
markup (photos/templatetags/photos.py).
"""

from html import escape

from django.utils import timezone
from django.utils.safestring import mark_safe

from photos.templatetags.photos import picture_html

from .templatetags.readers import ago, datetime_attr, headline_html


def story_list_html(stories, level=3, snippets=False, now=None):
    """<ol class="story-list"> of `stories`: photo, labelled headline linked to the
    story, credit and age, then the search snippet (`snippets`) or the summary.
    `level` is the headlines' heading level."""
    now = now or timezone.now()
    h = f"h{int(level)}"
    items = []
    for story in stories:
        parts = ['  <li class="story-list__item">\n']
        if story.lead_image_id:
            parts.append(picture_html(story.lead_image, "thumb"))
        headline = headline_html(story)
        parts.append(
            f'    <{h} class="story-list__headline"><a href="{escape(story.get_absolute_url())}">{headline}</a></{h}>\n'
            f'    <p class="story-list__meta">{escape(story.source.credit)} · '
            f'<time datetime="{datetime_attr(story.published_at)}">{ago(story.published_at, now)}</time></p>\n'
        )
        snippet = getattr(story, "snippet_html", None) if snippets else None
        if snippet:
            parts.append(f'    <p class="story-list__summary" data-snippet>{snippet}</p>\n')
        elif story.summary:
            parts.append(f'    <p class="story-list__summary">{escape(story.summary)}</p>\n')
        parts.append("  </li>\n")
        items.append("".join(parts))
    return mark_safe(f'<ol class="story-list">\n{"".join(items)}</ol>\n')  # noqa: S308 - every value escaped above


def rail_list_html(items, now=None):
    """<ul class="rail__list"> of labelled headlines linked to their stories, each
    with its age when it has one: the article page's related stories (Articles) and
    the ticker's latest items (articles/ticker.TickerItem)."""
    now = now or timezone.now()
    rows = []
    for item in items:
        url = item.url if hasattr(item, "url") else item.get_absolute_url()
        published = getattr(item, "published", None)
        age = (
            f' <time class="rail__time" datetime="{datetime_attr(published)}">{ago(published, now)}</time>'
            if published
            else ""
        )
        rows.append(f'<li><a href="{escape(url)}">{headline_html(item)}</a>{age}</li>')
    return mark_safe(f'<ul class="rail__list">{"".join(rows)}</ul>')  # noqa: S308 - every value escaped above
