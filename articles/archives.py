"""Which stories a tag's or a byline's archive lists, asked the way the database
reads fastest for that tag or byline.

The newest stories with a tag can be found two ways. Through the tag's items:
read every story with the tag, sort them by time, keep a page. That costs what
the tag's size costs: a tag on 6,000 of 20,000 stories took 16 ms on SQLite and
21 ms on PostgreSQL a page. Or through the stories, newest first: walk the
publish-time index and keep those with the tag. That costs what the tag's
rarity costs: a tag on one story in a hundred walks some 2,100 stories for a
page (0.9 ms on SQLite), and a tag on a handful would walk the whole archive.

So each archive picks, after one cheap look at the tag's size (its items
counted up to COUNT_CAP from the index, and the newest story's id for the
archive's size): reading a story through the items costs about seven times
what passing one in the walk does, so the walk is cheaper once a tag's
stories number n with n² > WALK_FACTOR × the archive's stories (about 250 at
20,000 stories, 2,500 at 2,000,000). Either way a page costs at most about
what √(archive) stories cost, not what the tag's size does. Source and kind
archives need none of this: their indexes are in publish-time order already
(`article_source_pub`, `article_kind_pub`).
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Exists, OuterRef
from taggit.models import TaggedItem

from .models import Article, ArticleByline

COUNT_CAP = 20_000  # a tag's items are counted up to this many (index only; a bounded read)
WALK_FACTOR = 3


def _walk_is_cheaper(items_sql, params):
    """Whether walking the archive newest first finds a page sooner than reading
    the n stories `items_sql` selects (one query: n up to COUNT_CAP, and the
    newest story's id for the archive's size)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM ({items_sql} LIMIT %s) items),"  # noqa: S608 - placeholders only
            " (SELECT MAX(id) FROM articles_article)",
            [*params, COUNT_CAP],
        )
        items, newest = cursor.fetchone()
    return items * items > WALK_FACTOR * (newest or 0)


def with_tag(stories, tag):
    """`stories` (Articles) tagged `tag`, asked for the cheaper way for its size."""
    content_type = ContentType.objects.get_for_model(Article).pk
    items = "SELECT 1 FROM taggit_taggeditem WHERE tag_id = %s AND content_type_id = %s"
    if _walk_is_cheaper(items, [tag.pk, content_type]):
        tagged = TaggedItem.objects.filter(object_id=OuterRef("pk"), content_type_id=content_type, tag_id=tag.pk)
        return stories.filter(Exists(tagged))
    return stories.filter(tags=tag)


def with_byline(stories, byline):
    """`stories` (Articles) by `byline`, asked for the cheaper way for its size."""
    if _walk_is_cheaper("SELECT 1 FROM articles_articlebyline WHERE byline_id = %s", [byline.pk]):
        return stories.filter(Exists(ArticleByline.objects.filter(article=OuterRef("pk"), byline_id=byline.pk)))
    return stories.filter(bylines=byline)
