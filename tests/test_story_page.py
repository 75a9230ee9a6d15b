"""The story page's parts (articles/story_page.py): bylines in their set order, tags
alphabetically, corrections and updates, and related stories: the newest published
stories sharing a tag, never the story itself or anything readers may not see."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles import workflow
from articles.models import Status

from .factories import make_article, make_byline
from .html import story_page as page

pytestmark = pytest.mark.django_db


def related(html):
    """The related stories' headlines, in the order the rail lists them."""
    match = re.search(r'<section class="rail__section related".*?</section>', html, re.S)
    return re.findall(r"<a href=\"[^\"]+\">(?:<span[^>]*>[^<]*</span> )?([^<]+)</a>", match.group(0)) if match else []


def test_bylines_keep_their_order_and_tags_read_alphabetically(client):
    zoe, adam = make_byline(name="Zoe Park"), make_byline(name="Adam Ng")
    story = make_article(bylines=[zoe, adam], tags=["zebra crossings", "Apple harvest", "mango prices"])
    html = page(client, story)
    assert re.search(r"By <a [^>]*>Zoe Park</a>.*and <a [^>]*>Adam Ng</a>", html)
    chips = re.search(r'<ul class="chips">(.*?)</ul>', html).group(1)
    assert re.findall(r'rel="tag">([^<]+)<', chips) == ["Apple harvest", "mango prices", "zebra crossings"]
    metas = re.findall(r'<meta property="article:tag" content="([^"]+)">', html)
    assert metas == ["Apple harvest", "mango prices", "zebra crossings"]


def test_related_stories_are_the_newest_visible_stories_sharing_a_tag(client):
    now = timezone.now()
    story = make_article(headline="Harbour cranes stop", tags=["port", "strike"])
    for hours in range(1, 8):  # seven older stories on the same port: the rail shows the newest five
        make_article(headline=f"Port story {hours} hours old", tags=["port"], published_at=now - timedelta(hours=hours))
    make_article(headline="Strike talks resume", tags=["strike"], published_at=now - timedelta(minutes=5))
    make_article(headline="Unrelated election count", tags=["politics"], published_at=now)
    make_article(headline="Draft about the port", tags=["port"], status=Status.DRAFT, published_at=None)
    make_article(headline="Port story for tomorrow", tags=["port"], published_at=now + timedelta(days=1))
    make_article(headline="Embargoed port story", tags=["port"], embargo_until=now + timedelta(hours=3))
    html = page(client, story)
    assert related(html) == [
        "Strike talks resume",
        "Port story 1 hours old",
        "Port story 2 hours old",
        "Port story 3 hours old",
        "Port story 4 hours old",
    ]


def test_a_story_without_tags_or_neighbours_has_no_related_section(client):
    alone = make_article(tags=["lonely"])
    assert 'class="rail__section related"' not in page(client, alone)
    untagged = make_article()
    assert 'class="rail__section related"' not in page(client, untagged)


def test_a_withdrawn_story_leaves_its_neighbours_rails(client, django_user_model):
    story = make_article(tags=["port"])
    neighbour = make_article(headline="Neighbour about the port", tags=["port"])
    assert related(page(client, story)) == ["Neighbour about the port"]
    editor = django_user_model.objects.create_superuser("chief", "chief@example.com", "pw")
    workflow.withdraw(neighbour, user=editor, reason="Legal")
    assert related(page(client, story)) == []


def test_corrections_read_oldest_first(client, django_user_model):
    editor = django_user_model.objects.create_superuser("chief", "chief@example.com", "pw")
    story = make_article()
    workflow.correct(story, user=editor, text="The bridge is 40 km long, not 14.")
    workflow.correct(story, user=editor, text="The minister's name is spelled Oyelaran.")
    html = page(client, story)
    section = re.search(r"<section class=\"corrections\".*?</section>", html, re.S).group(0)
    assert section.index("40 km") < section.index("Oyelaran")
