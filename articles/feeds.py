"""RSS 2.0 and Atom feeds of published stories: the latest, and per tag,
source and kind. Each item carries its labelled headline, the story's wire
guid (stable across updates), published and updated times, its bylines, the
summary and the full sanitized body."""

import copy
import re
from urllib.parse import quote

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, rfc3339_date
from django.utils.html import escape
from taggit.models import Tag

from . import archives
from .models import Article, Kind, Source, published_story_exists

FEED_ITEMS = 30
URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


class StoryRss(Rss201rev2Feed):
    """RSS 2.0 with one dc:creator per byline, content:encoded and dcterms:modified."""

    def rss_attributes(self):
        return super().rss_attributes() | {
            "xmlns:dc": "http://purl.org/dc/elements/1.1/",
            "xmlns:dcterms": "http://purl.org/dc/terms/",
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item["authors"]:
            handler.addQuickElement("dc:creator", name)
        if item["updateddate"] is not None:
            handler.addQuickElement("dcterms:modified", rfc3339_date(item["updateddate"]))
        handler.addQuickElement("content:encoded", item["content"])


class StoryAtom(Atom1Feed):
    """Atom with one <author> per byline and the body as <content>."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name in item["authors"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.endElement("author")
        handler.addQuickElement("content", item["content"], {"type": "html"})


def atom_id(guid):
    """Atom ids must be IRIs; a wire guid that is not one gets a stable URN around it."""
    return guid if URI_SCHEME.match(guid) else "urn:newsdesk:wire:" + quote(guid, safe="")


class StoryFeed(Feed):
    """The latest published stories. Subclasses narrow `stories()`.

    Queries: the stories with their source (1), their bylines (1), their tags (1)."""

    item_guid_is_permalink = False
    language = settings.LANGUAGE_CODE

    def __init__(self, atom=False):
        super().__init__()
        self.atom = atom
        self.feed_type = StoryAtom if atom else StoryRss

    def get_feed(self, obj, request):
        # One Feed instance serves every request: build each feed on a copy that
        # holds this request (photo enclosures need absolute URLs).
        feed = copy.copy(self)
        feed.request = request
        return super(StoryFeed, feed).get_feed(obj, request)

    def stories(self, obj):
        return Article.objects.published()

    def items(self, obj):
        return self.stories(obj).for_listing().newest_first()[:FEED_ITEMS]

    def name(self, obj):
        return "Latest stories"

    def title(self, obj):
        return f"{settings.NEWSDESK_SITE_NAME}: {self.name(obj)}"

    def description(self, obj):
        return f"{self.name(obj)} from {settings.NEWSDESK_SITE_NAME}, newest first."

    subtitle = description

    def link(self, obj):
        return reverse("articles:home")

    def author_name(self, obj):
        return settings.NEWSDESK_SITE_NAME

    def item_title(self, item):
        return item.labelled_headline

    def item_description(self, item):
        return escape(item.summary)  # feed readers read descriptions as HTML; the summary is plain text

    def item_guid(self, item):
        return atom_id(item.guid) if self.atom else item.guid

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at or item.published_at

    def item_enclosures(self, item):
        photo = item.lead_image
        return [photo.feed_enclosure(self.request)] if photo and photo.publishable else []

    def item_categories(self, item):
        return [tag.name for tag in item.topic_tags()]

    def item_extra_kwargs(self, item):
        names = [byline.name for byline in item.ordered_bylines()]
        return {"authors": names or [item.source.credit], "content": item.body}


class TagFeed(StoryFeed):
    """Queries: the tag (1), its size (1: articles/archives.py), then the stories as
    in StoryFeed (3)."""

    def get_object(self, request, slug):
        return get_object_or_404(Tag.objects.filter(published_story_exists("tags")), slug=slug)

    def stories(self, obj):
        return archives.with_tag(super().stories(obj), obj)

    def name(self, obj):
        return f"Stories on {obj.name}"

    def link(self, obj):
        return reverse("articles:tag", args=[obj.slug])


class SourceFeed(StoryFeed):
    """Queries: the source (1), then the stories as in StoryFeed (3)."""

    def get_object(self, request, slug):
        return get_object_or_404(Source.objects.filter(published_story_exists("source")), slug=slug)

    def stories(self, obj):
        return super().stories(obj).filter(source=obj)

    def name(self, obj):
        return f"Stories from {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()


class KindFeed(StoryFeed):
    """No query for the kind: it is a fixed choice. Then as StoryFeed (3)."""

    def get_object(self, request, kind):
        if kind not in Kind.values:
            raise Http404("No such kind of story.")
        return Kind(kind)

    def stories(self, obj):
        return super().stories(obj).filter(kind=obj)

    def name(self, obj):
        return f"{obj.label} stories"

    def link(self, obj):
        return reverse("articles:kind", args=[obj.value])
