"""reverse(), kept: each worker works out a path once for the same view name and
arguments, and reuses it while the script prefix, URLconf, language and current
app it was made under hold. Django's reverse() costs about 30 µs, and a reader's
page asks for some twenty (the menus, tags, bylines, feeds); kept, a page's
links cost a dictionary look-up each. The {% url %} of {% load links %}
(articles/templatetags/links.py) and the reader models' get_absolute_url() use it;
stories' addresses, made by the thousand in lists and sitemaps, have their own
format string instead (articles.models.story_path_format).
"""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse
from django.utils.translation import get_language

KEPT = 4096  # paths per worker; the least recently used go first
PLAIN = (str, int)


def reverse(viewname, args=(), kwargs=None, current_app=None):
    """As django.urls.reverse(viewname, args=args, kwargs=kwargs, current_app=current_app).
    Paths with arguments other than strings and numbers are worked out each time."""
    kwargs = kwargs or {}
    if not all(type(value) in PLAIN for value in (*args, *kwargs.values())):
        return django_reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    return _kept(
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
        get_language(),
        current_app,
        viewname,
        tuple(args),
        tuple(sorted(kwargs.items())),
    )


@functools.lru_cache(maxsize=KEPT)
def _kept(prefix, urlconf, language, current_app, viewname, args, kwargs):
    # The prefix, URLconf and language are in the key because reverse() reads them
    # from where the request set them; they are the ones in force here.
    return django_reverse(viewname, urlconf=urlconf, args=args, kwargs=dict(kwargs), current_app=current_app)
