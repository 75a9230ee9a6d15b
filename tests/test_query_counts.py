"""Every public page runs a fixed number of queries however much data there is."""

import pytest

from .factories import make_article, make_byline, make_source, make_ticker, pin

pytestmark = pytest.mark.django_db

# The ticker on every page: the ticker row, its active entries (with their
# stories), the newest stories to fill it.
TICKER = 3


def fill(n):
    """n stories, each with two bylines and two tags; up to three pinned on the ticker."""
    make_ticker()
    source = make_source(slug="wire-one")
    bylines = [make_byline(slug="first-hand"), make_byline()]
    stories = [make_article(source=source, bylines=bylines, tags=["port", f"t{i}"]) for i in range(n)]
    for story in stories[:3]:
        pin(story)
    return stories


@pytest.fixture(params=[1, 30], ids=["1 story", "30 stories"])
def stories(request):
    return fill(request.param)


def test_home(client, stories, django_assert_num_queries):
    # stories + their bylines + their tags, then the ticker
    with django_assert_num_queries(3 + TICKER):
        assert client.get("/").status_code == 200


def test_article(client, stories, django_assert_num_queries):
    # the story with its source, its bylines, its tags, its corrections, the photos
    # in its body with their images, related stories, then the ticker
    with django_assert_num_queries(6 + TICKER):
        assert client.get(stories[-1].get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("url", "lookup"),
    [("/tags/port/", 1), ("/sources/wire-one/", 1), ("/bylines/first-hand/", 1), ("/kinds/news/", 0)],
)
def test_archives(client, stories, url, lookup, django_assert_num_queries):
    # the tag/source/byline (not for kinds), the count for the paginator,
    # the page of stories, their bylines, their tags, then the ticker
    with django_assert_num_queries(lookup + 4 + TICKER):
        assert client.get(url).status_code == 200


# The admin change list's constant count is in tests/test_workflow_admin.py.
