"""What the story page reads: the story, what it shows besides its own row, and
its related stories.

A story's bylines, tags, corrections and updates, and the photos in its text are
read by four plain queries (`Model.objects.raw()`, which still gives model
instances with each field's conversions) rather than by `prefetch_related()`.
Prefetching is the right tool for a list of stories (`for_listing()`: feeds, the
API); for the one story on its page its machinery (a queryset built, compiled and
matched back for each relation) cost about 0.5 ms a relation, ten times the
reading itself, and a third of the page (docs/performance.md).
"""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.db.models.expressions import RawSQL
from django.utils import timezone
from taggit.models import Tag

from photos.models import Image, StoryPhoto

from .kept import KeptQuery
from .models import Article, Byline, Correction

RELATED = 5
RELATED_CANDIDATES = 50


def _with_parts(stories):
    """`stories` joined with their source and lead photo, and told whether they have
    corrections or photos in their text (read_parts() reads those only then)."""
    return stories.select_related("source", "lead_image").annotate(
        has_corrections=Exists(Correction.objects.filter(article=OuterRef("pk"))),
        has_body_photos=Exists(StoryPhoto.objects.filter(article=OuterRef("pk"))),
    )


_published_story = KeptQuery(
    lambda now, slug: _with_parts(Article.objects.published(now)).filter(slug=slug), now=datetime, slug=str
)


def find_published(slug, now=None):
    """The story readers may see at `slug`, with all its page shows, or None: the
    story page's own query, compiled once per worker (articles/kept.py)."""
    found = _published_story(now=now or timezone.now(), slug=slug)
    if not found:
        return None
    read_parts(found[0])
    return found[0]


def find(stories, **lookup):
    """The story in `stories` matching `lookup`, with all its page shows, or None
    (previews: find_published() is the readers' own)."""
    try:  # get(), not first(): a lookup of one (slug, id) needs no ordering, and is cheaper to build
        article = _with_parts(stories).get(**lookup)
    except Article.DoesNotExist:
        return None
    read_parts(article)
    return article


def read_parts(article):
    """Give `article` its bylines in order, its tags, its corrections and updates
    oldest first, and the photos in its text with their files: four queries.
    Article.ordered_bylines(), topic_tags(), notices(), story_updates() and
    body_photos() read them."""
    pk = [article.pk]
    article.prefetched_bylines = list(
        Byline.objects.raw(
            "SELECT b.* FROM articles_byline b JOIN articles_articlebyline c ON c.byline_id = b.id"
            " WHERE c.article_id = %s ORDER BY c.position, c.id",
            pk,
        )
    )
    article.prefetched_tags = list(
        Tag.objects.raw(
            "SELECT t.* FROM taggit_tag t JOIN taggit_taggeditem i ON i.tag_id = t.id"
            " WHERE i.content_type_id = %s AND i.object_id = %s",
            [ContentType.objects.get_for_model(Article).pk, article.pk],
        )
    )
    article.prefetched_corrections = []
    article.prefetched_story_photos = []
    if getattr(article, "has_corrections", True):
        article.prefetched_corrections = list(
            Correction.objects.raw(
                "SELECT * FROM articles_correction WHERE article_id = %s ORDER BY created_at, id", pk
            )
        )
    if getattr(article, "has_body_photos", True):
        article.prefetched_story_photos = _story_photos(article)


def _story_photos(article):
    # The photos with their uses' columns alongside (use_*), each use made from them.
    images = Image.objects.raw(
        "SELECT i.*, u.id AS use_id, u.after_paragraph AS use_after, u.position AS use_position"
        " FROM photos_storyphoto u JOIN photos_image i ON i.id = u.image_id"
        " WHERE u.article_id = %s ORDER BY u.after_paragraph, u.position, u.id",
        [article.pk],
    )
    return [
        StoryPhoto(
            id=image.use_id,
            article=article,
            image=image,
            after_paragraph=image.use_after,
            position=image.use_position,
        )
        for image in images
    ]


def related_stories(article):
    """The newest published stories sharing a tag with `article`, among the
    RELATED_CANDIDATES most recently tagged with its tags: bounded however big a tag
    grows: the candidates are read from the index on taggit's table (migration 0011),
    never every tagged story. One query; its subquery is written as SQL because the
    ORM's own (a sliced values() queryset) cost more to build than to run."""
    tag_ids = [tag.pk for tag in article.topic_tags()]
    if not tag_ids:
        return []
    content_type = ContentType.objects.get_for_model(Article).pk
    return _related(now=timezone.now(), pk=article.pk, content_type=content_type, tags=tag_ids)


def _related_query(now, pk, content_type, tags):
    marks = ", ".join(["%s"] * len(tags))
    candidates = RawSQL(  # noqa: S611 - placeholders only
        f"SELECT object_id FROM taggit_taggeditem WHERE tag_id IN ({marks})"  # noqa: S608 - placeholders only
        " AND content_type_id = %s AND object_id <> %s ORDER BY object_id DESC LIMIT %s",
        [*tags, content_type, pk, RELATED_CANDIDATES],
    )
    stories = Article.objects.published(now).filter(pk__in=candidates).newest_first()
    return stories.only("headline", "slug", "kind", "precedence", "published_at", "created_at")[:RELATED]


_related = KeptQuery(_related_query, now=datetime, pk=int, content_type=int, tags=[int])
