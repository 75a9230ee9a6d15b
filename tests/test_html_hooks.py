"""CONTRACT.md's HTML hooks, as outside tests and assistive technology use them."""

import re
from datetime import UTC, datetime

import pytest

from articles.models import Kind, Precedence

from .factories import make_article, make_byline, make_ticker
from .html import Tags

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_every_page_has_lang_skip_link_and_one_main(client):
    article = make_article(tags=["climate"])
    for url in ["/", article.get_absolute_url(), "/tags/climate/", "/sources/xinhua/", "/kinds/feature/"]:
        html = page(client, url)
        tags = Tags(html)
        assert tags.all("html")[0].get("lang") == "en", url
        assert len(tags.all("main")) == 1, url
        main_id = tags.all("main")[0]["id"]
        assert tags.all("a", href=f"#{main_id}"), f"no skip link on {url}"


def test_ticker_holds_labelled_items_after_a_pause_button(client):
    make_ticker()
    urgent = make_article(headline="Ferry link reopens", precedence=Precedence.URGENT)
    interview = make_article(headline="Port chief on trade", kind=Kind.INTERVIEW)
    plain = make_article(headline="Rain expected on the coast")
    html = page(client, "/")
    ticker = re.search(r'<section[^>]*aria-label="Off the wire".*?</section>', html, re.S).group(0)
    assert "Urgent:</span> Ferry link reopens" in ticker
    assert "Interview:</span> Port chief on trade" in ticker
    assert ">Rain expected on the coast</a>" in ticker  # plain news: no label
    for article in (urgent, interview, plain):
        assert f'href="{article.get_absolute_url()}"' in ticker
    assert ticker.count("•") == 2  # between three items
    assert ticker.index("data-ticker-toggle") < ticker.index("data-ticker-items")
    assert re.search(r"<button[^>]*data-ticker-toggle", ticker)


def test_article_page_has_headline_credit_line_breadcrumb_and_font_control(client):
    byline = make_byline(name="Li Wen", slug="li-wen")
    article = make_article(
        headline="Ministers hail river talks",
        kind=Kind.INTERVIEW,
        published_at=datetime(2016, 3, 24, 9, 12, tzinfo=UTC),
        bylines=[byline],
        dateline="MOSCOW",
    )
    assert article.get_absolute_url() == "/2016/03/24/ministers-hail-river-talks/"
    html = page(client, article.get_absolute_url())
    tags = Tags(html)
    assert len(tags.all("article")) == 1
    assert len(tags.all("h1")) == 1
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", h1).strip() == "Interview: Ministers hail river talks"
    assert re.search(r'Xinhua, <time datetime="2016-03-24T09:12:00\+00:00">March 24, 2016</time>', html)
    assert 'href="/bylines/li-wen/">Li Wen</a>' in html
    assert "MOSCOW, March 24 (Xinhua) --" in html
    assert re.search(r'<p class="story__end"[^>]*>Enditem</p>\s*</div>', html)

    crumbs = re.search(r'<nav aria-label="Breadcrumb".*?</nav>', html, re.S).group(0)
    assert re.sub(r"<[^>]+>", " ", crumbs).split()[:3] == ["You", "are", "here:"]
    assert re.findall(r"<li><a [^>]*>([^<]+)</a>", crumbs) == ["Home", "Interview", "Ministers hail river talks"]
    assert 'aria-current="page">Ministers hail river talks' in crumbs

    group = tags.all("div", role="group")[0]
    assert group["aria-labelledby"] == "fontsize-label"
    assert "Adjust font size" in html
    labels = [b.get("aria-label") for b in tags.all("button") if "data-font-step" in b]
    assert labels == ["Smaller text", "Default text size", "Larger text"]
    assert tags.all("link", rel="canonical")[0]["href"] == f"http://testserver{article.get_absolute_url()}"


def test_breadcrumb_goes_through_the_kind_never_a_tag(client):
    article = make_article(headline="Harbour reopens", tags=["shipping"])
    crumbs = re.search(r'<nav aria-label="Breadcrumb".*?</nav>', page(client, article.get_absolute_url()), re.S)
    assert re.findall(r"<li><a [^>]*>([^<]+)</a>", crumbs.group(0)) == ["Home", "News", "Harbour reopens"]
    assert '<a href="/kinds/news/">News</a>' in crumbs.group(0)
    feature = make_article(headline="Night ferries", kind=Kind.FEATURE, precedence="urgent", tags=["shipping"])
    crumbs = re.search(r'<nav aria-label="Breadcrumb".*?</nav>', page(client, feature.get_absolute_url()), re.S)
    assert re.findall(r"<li><a [^>]*>([^<]+)</a>", crumbs.group(0)) == ["Home", "Feature", "Night ferries"]


def test_updated_time_shows_only_after_an_update(client):
    article = make_article()
    assert "data-updated" not in page(client, article.get_absolute_url())
    article.updated_at = datetime(2030, 1, 2, 3, 4, tzinfo=UTC)
    article.save()
    assert 'Updated <time datetime="2030-01-02T03:04:00+00:00">' in page(client, article.get_absolute_url())
