"""Queries compiled once per worker (articles/kept.py): each call runs with its own
values, and returns what the queryset it was built from returns."""

from datetime import datetime, timedelta

import pytest
from django.db.models import Count
from django.utils import timezone

from articles.kept import KeptQuery
from articles.models import Article

from .factories import make_article

pytestmark = pytest.mark.django_db


def by_slug_at(now, slug):
    return Article.objects.published(now).select_related("source").filter(slug=slug)


def test_each_call_runs_with_its_own_values():
    now = timezone.now()
    kept = KeptQuery(by_slug_at, now=datetime, slug=str)
    out = make_article(slug="out-now", headline="Out now")
    later = make_article(slug="out-later", published_at=now + timedelta(hours=2))
    assert [story.headline for story in kept(now=now, slug="out-now")] == ["Out now"]
    assert kept(now=now, slug="out-later") == []  # scheduled: not yet
    assert kept(now=now + timedelta(hours=3), slug="out-later") == [later]  # the time is a value, not kept
    found = kept(now=now, slug="out-now")[0]
    assert found.source.credit == out.source.credit  # the joined source made as select_related makes it
    assert list(by_slug_at(now, "out-now")) == [found]


def test_lists_of_any_length_and_annotations():
    stories = [make_article(tags=["a", "b"][: i % 2 + 1]) for i in range(4)]
    kept = KeptQuery(
        lambda ids: Article.objects.filter(pk__in=ids).annotate(tagged=Count("tags")).order_by("pk"),
        ids=[int],
    )
    for ids in ([stories[0].pk], [story.pk for story in stories], [stories[3].pk, stories[1].pk]):
        got = kept(ids=ids)
        want = list(Article.objects.filter(pk__in=ids).annotate(tagged=Count("tags")).order_by("pk"))
        assert got == want
        assert [story.tagged for story in got] == [story.tagged for story in want]


def test_a_value_the_sql_does_not_carry_is_refused():
    make_article()
    kept = KeptQuery(lambda n: Article.objects.order_by("pk")[:n], n=int)  # LIMIT is written into the SQL
    with pytest.raises(ValueError, match="n not among the SQL's parameters"):
        kept(n=1)


def test_it_asks_for_exactly_its_values():
    kept = KeptQuery(by_slug_at, now=datetime, slug=str)
    with pytest.raises(TypeError, match="now, slug"):
        kept(slug="x")
