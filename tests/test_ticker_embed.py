"""The widget's script, its framed page, oEmbed and the partner demo page."""

import gzip
import re

import pytest

from articles.models import Kind, Precedence

from .csp import directives
from .factories import make_article, make_ticker, pin

pytestmark = pytest.mark.django_db


def test_embed_page_is_the_ticker_with_a_title_and_links_to_the_top_window(client):
    make_ticker()
    story = make_article(headline="Ferry link reopens", precedence=Precedence.URGENT)
    response = client.get("/ticker/embed/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Off the wire" in html
    assert '<base target="_top">' in html
    ticker = re.search(r'<section[^>]*aria-label="Off the wire".*?</section>', html, re.S).group(0)
    assert f'<a href="{story.get_absolute_url()}"><span class="label label--urgent">Urgent:</span>' in ticker
    assert ticker.index("data-ticker-toggle") < ticker.index("data-ticker-items")
    assert 'role="status"' in ticker


def test_embed_page_may_be_framed_by_any_site_when_unset(client):
    response = client.get("/ticker/embed/")
    assert directives(response)["frame-ancestors"] == "*"
    assert "X-Frame-Options" not in response
    assert client.get("/")["X-Frame-Options"] == "DENY"  # every other page keeps its protection


def test_embed_page_framing_follows_the_setting(client, settings):
    settings.TICKER_FRAME_ANCESTORS = ["https://partner.example", "https://*.partner.example"]
    response = client.get("/ticker/embed/")
    assert directives(response)["frame-ancestors"] == "https://partner.example https://*.partner.example"


def test_embed_page_options_reach_the_ticker(client):
    make_article(headline="Urgent one", precedence=Precedence.URGENT)
    make_article(headline="A talk", kind=Kind.INTERVIEW)
    make_article(headline="Plain one")
    html = client.get("/ticker/embed/?kinds=interview&theme=dark&interval=5&limit=3").content.decode()
    assert "A talk" in html
    assert "Urgent one" not in html
    assert 'class="embed embed--dark"' in html
    assert 'data-ticker-refresh="5"' in html
    assert 'data-ticker-src="/ticker.json?limit=3&amp;kinds=interview"' in html


@pytest.mark.parametrize("query", ["?theme=neon", "?interval=soon", "?kinds=gossip", "?limit=none"])
def test_embed_page_explains_bad_options(client, query):
    response = client.get("/ticker/embed/" + query)
    assert response.status_code == 400
    assert response.content.decode().startswith("Newsdesk ticker: ")


def test_embed_page_sets_no_cookie_and_may_be_cached(staff_client):
    response = staff_client.get("/ticker/embed/")
    assert "public" in response["Cache-Control"]
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_embed_script_is_small_and_served_for_any_origin(client):
    response = client.get("/ticker/embed.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert len(gzip.compress(response.content)) < 5 * 1024
    assert client.get("/ticker/embed.js", headers={"If-None-Match": response["ETag"]}).status_code == 304


def test_oembed_answers_for_the_embed_page_and_is_discoverable(client):
    html = client.get("/ticker/embed/?theme=dark").content.decode()
    link = re.search(r'<link rel="alternate" type="application/json\+oembed" href="([^"]+)"', html).group(1)
    response = client.get(link.replace("&amp;", "&").removeprefix("http://testserver"))
    data = response.json()
    assert data["version"] == "1.0"
    assert data["type"] == "rich"
    assert data["height"] == 48
    assert data["width"] > 0
    assert 'src="http://testserver/ticker/embed/?theme=dark"' in data["html"]
    assert 'title="Off the wire: news ticker"' in data["html"]


def test_oembed_refuses_other_addresses_and_formats(client):
    assert client.get("/ticker/oembed/?url=https://elsewhere.example/ticker/embed/").status_code == 404
    assert client.get("/ticker/oembed/?url=http://testserver/admin/").status_code == 404
    assert client.get("/ticker/oembed/?url=http://testserver/ticker/embed/&format=xml").status_code == 501


def test_demo_page_shows_the_snippet_and_runs_the_widget(client):
    html = client.get("/ticker/demo/").content.decode()
    snippet = '<div data-newsdesk-ticker></div><script src="http://testserver/ticker/embed.js" async></script>'
    assert snippet.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") in html  # to copy
    assert snippet in html  # and running
    assert 'type="application/json+oembed"' in html


@pytest.mark.parametrize("stories", [1, 30])
def test_embed_page_query_count_is_constant(client, django_assert_num_queries, stories):
    for _ in range(stories):
        pin(make_article())
    # 1 the ticker row, 2 its active entries with their stories, 3 the newest stories
    with django_assert_num_queries(3):
        assert client.get("/ticker/embed/?limit=50").status_code == 200


@pytest.mark.parametrize("stories", [1, 30])
def test_demo_page_query_count_is_constant(client, django_assert_num_queries, stories):
    for _ in range(stories):
        make_article()
    # the site's own ticker: 1 the ticker row, 2 (no row) when time next changes it, 3 the newest stories
    with django_assert_num_queries(3):
        assert client.get("/ticker/demo/").status_code == 200


def test_embed_page_caps_the_refresh_interval_at_a_day(client):
    html = client.get("/ticker/embed/?interval=999999999").content.decode()
    assert 'data-ticker-refresh="86400"' in html


def test_oembed_honours_maxwidth(client):
    data = client.get("/ticker/oembed/?url=http://testserver/ticker/demo/&maxwidth=320").json()
    assert data["width"] == 320
    assert "width:320px" in data["html"]
    assert client.get("/ticker/oembed/?url=http://testserver/ticker/demo/&maxwidth=²").json()["width"] == 600
