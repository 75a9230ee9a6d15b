"""Kept paths (newsdesk/links.py, {% load links %}): a worker works a path out once,
and the links it keeps follow the script prefix a site is served under, the URLconf
and the arguments, as Django's reverse() does."""

import pytest
from django.urls import reverse as django_reverse
from django.urls import set_script_prefix

from newsdesk import links

from .factories import make_article, make_byline

pytestmark = pytest.mark.django_db


def served(client, path, script_name=""):
    """The page at `path` served under `script_name`, the script prefix set from it
    as Django's WSGI handler sets it (its test client leaves the prefix alone)."""
    set_script_prefix(script_name + "/")
    try:
        response = client.get(path, SCRIPT_NAME=script_name)
    finally:
        set_script_prefix("/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_site_served_under_a_prefix_links_under_it_and_without_one_does_not(client):
    story = make_article(tags=["harbour"], bylines=[make_byline(name="Ana Ruiz", slug="ana-ruiz")])
    path = story.get_absolute_url()
    plain, prefixed, again = served(client, path), served(client, path, "/news"), served(client, path)
    for href in ('href="/kinds/interview/"', 'href="/tags/harbour/"', 'href="/bylines/ana-ruiz/"', 'action="/search/"'):
        assert href in plain and href in again
        assert href.replace('="/', '="/news/') in prefixed
        assert href not in prefixed


@pytest.mark.parametrize(
    ("name", "args", "kwargs"),
    [
        ("articles:home", (), {}),
        ("articles:tag", ("зерно",), {}),
        ("articles:kind", (), {"kind": "feature"}),
        ("articles:live-story", (42,), {}),
        ("articles:detail", (), {"year": 2016, "month": 3, "day": 24, "slug": "port-opens"}),
    ],
)
def test_kept_paths_are_djangos_paths(name, args, kwargs):
    assert links.reverse(name, args=args, kwargs=kwargs) == django_reverse(name, args=args, kwargs=kwargs)
    assert links.reverse(name, args=args, kwargs=kwargs) == django_reverse(name, args=args, kwargs=kwargs)


def test_other_arguments_are_worked_out_each_time():
    class Slug:
        def __init__(self, text):
            self.text = text

        def __str__(self):
            return self.text

    slug = Slug("first")
    assert links.reverse("articles:tag", args=[slug]) == "/tags/first/"
    slug.text = "second"  # the same object, another path: nothing kept may answer for it
    assert links.reverse("articles:tag", args=[slug]) == "/tags/second/"


def test_a_changed_urlconf_is_followed(settings):
    assert links.reverse("articles:search") == "/search/"
    settings.ROOT_URLCONF = "tests.urls_prefixed"
    assert links.reverse("articles:search") == "/desk-site/search/"
