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

from django.contrib.contenttypes.models import ContentType
from django.db.models.expressions import RawSQL
from taggit.models import Tag

from photos.models import Image, StoryPhoto

from .models import Article, Byline, Correction

RELATED = 5
RELATED_CANDIDATES = 50


def find(stories, **lookup):
    """The story in `stories` matching `lookup`, with all its page shows, or None."""
    try:  # get(), not first(): a lookup of one (slug, id) needs no ordering, and is cheaper to build
        article = stories.select_related("source", "lead_image").get(**lookup)
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
    article.prefetched_corrections = list(
        Correction.objects.raw("SELECT * FROM articles_correction WHERE article_id = %s ORDER BY created_at, id", pk)
    )
    # The photos with their uses' columns alongside (use_*), each use made from them.
    images = Image.objects.raw(
        "SELECT i.*, u.id AS use_id, u.after_paragraph AS use_after, u.position AS use_position"
        " FROM photos_storyphoto u JOIN photos_image i ON i.id = u.image_id"
        " WHERE u.article_id = %s ORDER BY u.after_paragraph, u.position, u.id",
        pk,
    )
    uses = [
        StoryPhoto(
            id=image.use_id,
            article=article,
            image=image,
            after_paragraph=image.use_after,
            position=image.use_position,
        )
        for image in images
    ]
    article.prefetched_story_photos = uses


def related_stories(article):
    """The newest published stories sharing a tag with `article`, among the
    RELATED_CANDIDATES most recently tagged with its tags: bounded however big a tag
    grows: the candidates are read from the index on taggit's table (migration 0011),
    never every tagged story. One query; its subquery is written as SQL because the
    ORM's own (a sliced values() queryset) cost more to build than to run."""
    tag_ids = [tag.pk for tag in article.topic_tags()]
    if not tag_ids:
        return []
    marks = ", ".join(["%s"] * len(tag_ids))
    candidates = RawSQL(  # noqa: S611 - placeholders only
        f"SELECT object_id FROM taggit_taggeditem WHERE tag_id IN ({marks})"  # noqa: S608 - placeholders only
        " AND content_type_id = %s AND object_id <> %s ORDER BY object_id DESC LIMIT %s",
        [*tag_ids, ContentType.objects.get_for_model(Article).pk, article.pk, RELATED_CANDIDATES],
    )
    stories = Article.objects.published().filter(pk__in=candidates).newest_first()
    return list(stories.only("headline", "slug", "kind", "precedence", "published_at", "created_at")[:RELATED])
