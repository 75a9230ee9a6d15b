"""A tag, source or byline that only unpublished stories use has no archive and
no feed: they answer 404, so their names do not leak before the story does."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Status

from .factories import make_article, make_byline, make_source

pytestmark = pytest.mark.django_db

UNPUBLISHED = {
    "draft": {"status": Status.DRAFT},
    "scheduled": {"published_at": timezone.now() + timedelta(days=1)},
    "embargoed": {"embargo_until": timezone.now() + timedelta(days=1)},
    "withdrawn": {"status": Status.WITHDRAWN},
}


def urls_for(tag, source, byline):
    return [
        f"/tags/{tag}/", f"/feeds/tags/{tag}.rss", f"/feeds/tags/{tag}.atom",
        f"/sources/{source.slug}/", f"/feeds/sources/{source.slug}.rss", f"/feeds/sources/{source.slug}.atom",
        f"/bylines/{byline.slug}/",
    ]  # fmt: skip


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_archives_and_feeds_of_names_only_unpublished_stories_use_answer_404(client, state):
    source, byline = make_source(name="Secret Agency"), make_byline(name="Hidden Reporter")
    make_article(source=source, bylines=[byline], tags=["merger-talks"], **UNPUBLISHED[state])
    for url in urls_for("merger-talks", source, byline):
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"Secret Agency" not in response.content and b"Hidden Reporter" not in response.content


def test_they_open_once_a_story_using_them_is_published(client):
    source, byline = make_source(), make_byline()
    story = make_article(source=source, bylines=[byline], tags=["merger-talks"], status=Status.DRAFT)
    story.status = Status.PUBLISHED
    story.save()
    for url in urls_for("merger-talks", source, byline):
        assert client.get(url).status_code == 200, url
