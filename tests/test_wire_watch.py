"""The drop folder (--watch) and polled feed URLs (--every)."""

import os
import signal
import threading
from http.server import BaseHTTPRequestHandler

import pytest

from articles.models import Article
from wire.models import IngestLog

from .local_server import serving
from .wire_helpers import ingest, news_item, ninjs2, write

pytestmark = pytest.mark.django_db


def ingest_until_sigterm(*args, after=0.6):
    """Run ingest and send this process SIGTERM after a moment (never once ingest has returned)."""
    timer = threading.Timer(after, os.kill, args=(os.getpid(), signal.SIGTERM))
    timer.start()
    try:
        return ingest(*args)
    finally:
        timer.cancel()


def test_watch_ingests_each_file_once_and_sorts_good_from_bad(tmp_path):
    write(tmp_path, "a.json", ninjs2(uri="urn:w:a"))
    write(tmp_path, "b.xml", news_item(guid="urn:w:b"))
    write(tmp_path, "c.json", '{"headline": "no id"}')
    write(tmp_path, "d.json.part", "still being written")
    status, lines = ingest("--watch", tmp_path, "--once")
    assert status == 1
    assert sorted(p.name for p in (tmp_path / "_processed").iterdir()) == ["a.json", "b.xml"]
    assert sorted(p.name for p in (tmp_path / "_error").iterdir()) == ["c.json", "c.json.reason"]
    assert "missing uri" in (tmp_path / "_error" / "c.json.reason").read_text()
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["d.json.part"]
    # A second run (a restart) finds nothing new and ingests nothing twice.
    status, lines = ingest("--watch", tmp_path, "--once")
    assert (status, lines) == (0, ["total 0: 0 created, 0 updated, 0 unchanged, 0 rejected"])
    assert Article.objects.count() == 2
    assert IngestLog.objects.filter(action="created").count() == 2


def test_restart_after_a_crash_before_the_move_loses_and_duplicates_nothing(tmp_path):
    write(tmp_path, "a.json", ninjs2(uri="urn:w:a"))
    ingest(tmp_path / "a.json")  # the crash: the file was ingested but never moved
    status, lines = ingest("--watch", tmp_path, "--once")
    assert status == 0
    assert lines[0] == "unchanged urn:w:a Ministers meet in Moscow"
    assert (tmp_path / "_processed" / "a.json").exists()
    assert Article.objects.count() == 1


def test_a_second_file_of_the_same_name_keeps_the_first(tmp_path):
    write(tmp_path, "a.json", ninjs2(uri="urn:w:a"))
    ingest("--watch", tmp_path, "--once")
    write(tmp_path, "a.json", ninjs2(uri="urn:w:a", version="2"))
    ingest("--watch", tmp_path, "--once")
    assert len(list((tmp_path / "_processed").iterdir())) == 2


def test_sigterm_stops_the_watch_cleanly(tmp_path):
    write(tmp_path, "a.json", ninjs2(uri="urn:w:a"))
    before = signal.getsignal(signal.SIGTERM)
    status, lines = ingest_until_sigterm("--watch", tmp_path, "--every", "0.1")
    assert status == 0
    assert lines[0] == "created urn:w:a Ministers meet in Moscow"
    assert lines[-2].startswith("stopped:")
    assert signal.getsignal(signal.SIGTERM) == before  # our handler is gone again
    assert (tmp_path / "_processed" / "a.json").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["/no/such/path"],
        [],
        ["--source", "no-such-source", "."],
        ["--watch", "/no/such/folder"],
        ["--every", "5", "."],
    ],
)
def test_usage_errors_exit_2(args):
    assert ingest(*args)[0] == 2


class Feed(BaseHTTPRequestHandler):
    """A tiny feed server that honours If-None-Match."""

    hits = []
    body = ninjs2(uri="urn:http:1").encode()

    def do_GET(self):  # noqa: N802 -- the http.server API
        Feed.hits.append(self.headers.get("If-None-Match"))
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("ETag", '"v1"')
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def feed_url():
    Feed.hits = []
    with serving(Feed) as url:
        yield f"{url}/feed.json"


def test_a_url_is_fetched_once_without_every(feed_url):
    status, lines = ingest(feed_url)
    assert status == 0
    assert lines[0] == "created urn:http:1 Ministers meet in Moscow"


def test_polling_sends_the_etag_back_and_skips_an_unchanged_feed(feed_url):
    status, lines = ingest_until_sigterm(feed_url, "--every", "0.1")
    assert status == 0
    assert Feed.hits[0] is None
    assert len(Feed.hits) >= 2 and set(Feed.hits[1:]) == {'"v1"'}
    assert [line for line in lines if line.startswith("created")] == ["created urn:http:1 Ministers meet in Moscow"]


def test_an_unreachable_url_is_a_rejection_not_a_crash():
    status, lines = ingest("http://127.0.0.1:9/feed.json")
    assert status == 1
    assert lines[0].startswith("rejected http://127.0.0.1:9/feed.json fetch failed")
