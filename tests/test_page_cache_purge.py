"""Purges to Varnish: the keys a change touches go to every VARNISH_PURGE_URLS
endpoint after commit, off the editor's path; a slow or dead Varnish never
holds up or fails a save. (tests/test_varnish.py runs a real varnishd.)"""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler

import pytest

from pagecache import purge
from tests.factories import make_article
from tests.local_server import serving

pytestmark = pytest.mark.django_db


class Recorder(BaseHTTPRequestHandler):
    purged = []  # (method, xkey header)
    delay = 0.0
    arrived = threading.Event()

    def do_PURGE(self):  # noqa: N802 -- the HTTP method's name
        time.sleep(self.delay)
        type(self).purged.append(self.headers.get("xkey", ""))
        type(self).arrived.set()
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(autouse=True)
def own_purger(monkeypatch):
    """A purge queue of this test's own: nothing left over from another test."""
    monkeypatch.setattr(purge, "_purger", purge.Purger())


@pytest.fixture
def varnish(settings):
    Recorder.purged, Recorder.delay = [], 0.0
    Recorder.arrived = threading.Event()
    with serving(Recorder) as url:
        settings.VARNISH_PURGE_URLS = [url + "/"]
        yield Recorder
    purge.drain(1)


def test_a_publish_purges_the_story_and_the_lists_that_show_it(varnish, editor):
    with editor.commit():
        article = make_article(tags=["floods"])
    assert purge.drain(5)
    sent = set(" ".join(varnish.purged).split())
    tag = article.tags.get()
    assert {f"story-{article.pk}", "home", "ticker", "feed", "sitemap", f"tag-{tag.pk}", "kind-news"} <= sent
    assert len(varnish.purged) == 2  # at once, and again a moment later for a page fetched meanwhile


def test_a_slow_varnish_never_holds_up_a_save(varnish, editor):
    varnish.delay = 3.0
    started = time.monotonic()
    with editor.commit():
        make_article()
    assert time.monotonic() - started < 1.0
    assert varnish.arrived.wait(10)  # it did get there, later


def test_a_dead_varnish_never_fails_a_save(settings, editor):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    settings.VARNISH_PURGE_URLS = [f"http://127.0.0.1:{port}/"]
    started = time.monotonic()
    with editor.commit():
        article = make_article()
    assert article.pk
    assert time.monotonic() - started < 1.0
    assert purge.drain(10)  # it gave up, after its retries, without raising


def test_nothing_is_sent_without_varnish_urls(settings, editor, varnish):
    settings.VARNISH_PURGE_URLS = []
    with editor.commit():
        make_article()
    assert purge.drain(2)
    assert varnish.purged == []
