"""The partner widget in a real browser: a partner page served from another
origin (its own little server on 127.0.0.1 while the desk runs on localhost)
pastes the snippet next to CSS that styles li, a and button aggressively."""

from http.server import BaseHTTPRequestHandler

import pytest
from playwright.sync_api import expect

from articles.models import Kind, Precedence
from tests.factories import make_article, make_ticker
from tests.local_server import serving

pytestmark = pytest.mark.django_db(transaction=True)

HOST_CSS = """
li { font-size: 40px !important; color: rgb(255, 0, 0) !important; padding: 20px !important;
     display: block !important; }
a { color: rgb(255, 0, 255) !important; font-family: serif !important; text-transform: uppercase !important; }
button { display: none !important; }
"""
PARTNER_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title>
<link rel="icon" href="data:,"><style>{css}</style></head><body>
<ul id="host-list"><li><a id="host-link" href="#top">Partner link</a></li></ul>
<button id="host-button" style="display:inline-block">Partner button</button>
{widget}
<p id="after">After the ticker</p>
</body></html>"""
HOST_PROPS = ["color", "fontSize", "fontFamily", "padding", "margin", "display", "textTransform", "lineHeight"]


@pytest.fixture
def partner(live_server):
    """A partner site at http://127.0.0.1:PORT/ with the snippet (interval 1 s)
    at /with-widget.html and the same page without it at /plain.html."""
    snippet = (
        f'<div data-newsdesk-ticker data-interval="1"></div>'
        f'<script src="{live_server.url}/ticker/embed.js" async></script>'
    )
    pages = {
        "/with-widget.html": PARTNER_PAGE.format(css=HOST_CSS, widget=snippet),
        "/plain.html": PARTNER_PAGE.format(css=HOST_CSS, widget=""),
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server's name
            body = pages.get(self.path, "").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    with serving(Handler) as url:
        yield url


def ticker_frame(page):
    return page.frame_locator("iframe[title='Off the wire: news ticker']")


def shown_items(frame):
    return frame.locator("[aria-label='Off the wire'] [data-ticker-items] > li:not([data-ticker-clone])")


def host_styles(page):
    return page.evaluate(
        """(props) => ['#host-list li', '#host-link', '#host-button', '#after', 'body'].map((sel) => {
             const style = getComputedStyle(document.querySelector(sel));
             return props.map((p) => style[p]);
           })""",
        HOST_PROPS,
    )


def test_widget_shows_the_desk_s_items_on_another_origin(live_server, partner, page):
    make_ticker()
    make_article(headline="Ferry link reopens", precedence=Precedence.URGENT)
    make_article(headline="Port chief on trade", kind=Kind.INTERVIEW)
    page.goto(partner + "/with-widget.html")
    frame = ticker_frame(page)
    expect(shown_items(frame)).to_have_count(2)
    assert shown_items(frame).all_inner_texts() == ["Interview: Port chief on trade", "• Urgent: Ferry link reopens"]
    assert page.evaluate("Object.keys(window).filter((k) => k.startsWith('Newsdesk'))") == ["NewsdeskTicker"]

    # The frame holds the height reserved for it: the host page does not shift.
    holder = page.locator("[data-newsdesk-ticker]")
    assert holder.bounding_box()["height"] == 48
    assert page.locator("iframe").bounding_box()["height"] == 48

    # A headline opens the desk's story in the partner's whole window.
    frame.get_by_role("button", name="Pause the ticker").click()  # a moving link is hard to click
    shown_items(frame).first.locator("a").click()
    page.wait_for_url(live_server.url + "/**")
    assert page.locator("h1").inner_text() == "Interview: Port chief on trade"


def test_host_css_and_widget_css_stay_apart(live_server, partner, page):
    make_article(headline="Ferry link reopens")
    page.goto(partner + "/plain.html")
    without_widget = host_styles(page)
    page.goto(partner + "/with-widget.html")
    frame = ticker_frame(page)
    expect(shown_items(frame)).to_have_count(1)
    assert host_styles(page) == without_widget  # our CSS changes nothing on the host

    item = shown_items(frame).first
    assert item.evaluate("(li) => getComputedStyle(li).fontSize") != "40px"
    assert item.locator("a").evaluate("(a) => getComputedStyle(a).color") != "rgb(255, 0, 255)"
    assert item.locator("a").evaluate("(a) => getComputedStyle(a).textTransform") == "none"
    expect(frame.get_by_role("button", name="Pause the ticker")).to_be_visible()  # host hides every button


def test_pause_stops_motion_and_updates_and_play_brings_the_news(live_server, partner, page):
    make_article(headline="First story")
    make_article(headline="Second story")
    page.goto(partner + "/with-widget.html")
    frame = ticker_frame(page)
    items = frame.locator("[data-ticker-items]")
    expect(shown_items(frame)).to_have_count(2)
    assert items.evaluate("(ul) => getComputedStyle(ul).animationPlayState") == "running"

    frame.get_by_role("button", name="Pause the ticker").click()
    expect(frame.get_by_role("button", name="Play the ticker")).to_be_visible()
    assert items.evaluate("(ul) => getComputedStyle(ul).animationPlayState") == "paused"

    make_article(headline="Held back while paused")
    page.wait_for_timeout(2500)  # two refresh ticks pass while paused
    expect(frame.get_by_text("Held back while paused")).to_have_count(0)

    frame.get_by_role("button", name="Play the ticker").click()
    expect(shown_items(frame).filter(has_text="Held back while paused")).to_have_count(1)


def test_a_new_story_arrives_after_a_refresh_tick_and_a_flash_is_announced(live_server, partner, page):
    make_article(headline="Before the tick")
    page.goto(partner + "/with-widget.html")
    frame = ticker_frame(page)
    expect(shown_items(frame)).to_have_count(1)
    make_article(headline="Quake hits the coast", precedence=Precedence.FLASH)
    expect(shown_items(frame).first).to_have_text("Flash: Quake hits the coast")
    expect(frame.locator("[role=status]")).to_have_text("Flash: Quake hits the coast")


def test_reduced_motion_keeps_the_widget_still(live_server, partner, page):
    make_article(headline="First story")
    make_article(headline="Second story")
    page.emulate_media(reduced_motion="reduce")
    page.goto(partner + "/with-widget.html")
    frame = ticker_frame(page)
    expect(shown_items(frame)).to_have_count(2)
    assert frame.locator("[data-ticker-items]").evaluate("(ul) => getComputedStyle(ul).animationName") == "none"
    assert page.locator("iframe").bounding_box()["height"] == 48


def test_widget_keeps_its_items_while_the_desk_is_unreachable(live_server, partner, page):
    make_article(headline="Last known story")
    page.goto(partner + "/with-widget.html")
    frame = ticker_frame(page)
    expect(shown_items(frame)).to_have_count(1)

    refused = []
    page.route("**/ticker.json*", lambda route: refused.append(route.request.url) or route.abort("connectionrefused"))
    page.wait_for_timeout(2500)  # two refresh ticks fail
    assert len(refused) >= 2
    expect(shown_items(frame)).to_have_text(["Last known story"])

    page.unroute("**/ticker.json*")
    make_article(headline="Desk is back")
    expect(shown_items(frame).filter(has_text="Desk is back")).to_have_count(1)
    # The browser logs each refused request (a late one may land after unroute);
    # those, and only those, are expected here.
    page.console_errors[:] = [e for e in page.console_errors if "ERR_CONNECTION_REFUSED" not in e]


def test_demo_page_offers_the_snippet_and_runs_the_widget(live_server, page):
    make_article(headline="Ferry link reopens")
    page.goto(live_server.url + "/ticker/demo/")
    snippet = page.get_by_role("textbox", name="The snippet").input_value()
    assert snippet == (
        f'<div data-newsdesk-ticker></div><script src="{live_server.url}/ticker/embed.js" async></script>'
    )
    expect(shown_items(ticker_frame(page))).to_have_text(["Ferry link reopens"])


def test_the_site_s_own_ticker_refreshes_the_same_way(live_server, page, settings):
    settings.TICKER_REFRESH_SECONDS = 1
    make_article(headline="Morning story")
    page.goto(live_server.url + "/")
    ticker = page.locator("section[aria-label='Off the wire'] [data-ticker-items] > li:not([data-ticker-clone])")
    expect(ticker).to_have_text(["Morning story"])
    make_article(headline="Noon story")
    expect(ticker.first).to_have_text("Noon story")
