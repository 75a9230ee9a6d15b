"""Tag addresses that work for every tag the wire brings: 北京, Großbritannien, São Paulo, "!!!".

taggit makes unicode slugs (`北京`, `großbritannien`); the tag URLs accept any
word characters (`UnicodeSlugConverter`). A tag made only of punctuation gets
an empty slug from taggit; it gets `tag-<hash>` instead, so its page has an address.
"""

import hashlib
import re

from django.db.models.signals import pre_save
from taggit.models import Tag


class UnicodeSlugConverter:
    """`<uslug:…>`: letters and digits of any script, "-" and "_"."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


def safe_slug(sender, instance, **kwargs):
    if not instance.slug or re.fullmatch(r"[-_\d]*_\d+|[-_]*", instance.slug):
        digest = hashlib.sha1(instance.name.encode(), usedforsecurity=False).hexdigest()[:10]
        instance.slug = f"tag-{digest}"


def connect():
    pre_save.connect(safe_slug, sender=Tag, dispatch_uid="articles.tags.safe_slug")
