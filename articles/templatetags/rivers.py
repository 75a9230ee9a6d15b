"""{% story_list stories level snippets %}: a river of stories; {% rail_list items %}:
a rail's list of headlines (both from articles/river.py)."""

from django import template

from ..river import rail_list_html, story_list_html

register = template.Library()


@register.simple_tag
def story_list(stories, level=3, snippets=False):
    return story_list_html(stories, level=level or 3, snippets=bool(snippets))


@register.simple_tag
def rail_list(items):
    return rail_list_html(items)
