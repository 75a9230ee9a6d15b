"""{% story_list stories level snippets %}: a river of stories (articles/river.py)."""

from django import template

from ..river import story_list_html

register = template.Library()


@register.simple_tag
def story_list(stories, level=3, snippets=False):
    return story_list_html(stories, level=level or 3, snippets=bool(snippets))
