"""The desk in Django's admin, by concern: `forms` (the story form and the desk
forms), `story` (the story list, form and list actions), `desk_views` (the
one-story buttons and JSON helpers), `previews` (columns, badges, the form's
context) and `sources` (sources, bylines, the ticker)."""

from . import sources  # noqa: F401 -- importing registers the admins
from .story import ArticleAdmin

__all__ = ["ArticleAdmin"]
