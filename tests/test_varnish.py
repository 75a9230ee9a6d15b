"""The page cache across processes, and Varnish in front of the app.

A real gunicorn (two workers) serves a scratch SQLite database; changes are
made by separate `python` processes, as another app server or a command such
as `ingest` would make them. The first test shows the page cache is shared:
a change made in one process reaches pages served by the others at once. The
second puts a real varnishd (Debian's varnish with varnish-modules' xkey) in
front, loaded with deploy/varnish/default.vcl, and shows a publish, an update,
a kill and an embargo end reaching readers through Varnish within 2 seconds.
`make test` installs Varnish when it runs as root; elsewhere that test skips.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
WITHIN = 2.0  # seconds from commit to readers
PRELUDE = """
import time, django
django.setup()
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, Status
from tests.factories import make_article
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url):
    """(status, headers, body) without raising on 4xx/5xx."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 -- loopback only
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def wait_until(condition, timeout):
    """Poll `condition` until true; returns the seconds it took, or None."""
    started = time.time()
    while time.time() - started < timeout:
        if condition():
            return time.time() - started
        time.sleep(0.05)
    return None


class Site:
    """A scratch database, a shared page cache, and a way to run code against them."""

    def __init__(self, folder):
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.site_settings",
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": f"sqlite:///{folder / 'site.sqlite3'}",
            "NEWSDESK_TEST_NAMESPACE": uuid.uuid4().hex[:12],
            "NEWSDESK_TEST_CACHE_DIR": str(folder / "pages"),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "PAGE_CACHE_SECONDS": "300",
            "VARNISH_PURGE_URLS": "",
        }
        self.processes = []

    def django(self, code):
        """Run `code` in a fresh process; returns what it printed."""
        done = subprocess.run(
            [sys.executable, "-c", PRELUDE + code], env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    def change(self, code):
        """Run a change; returns the time it committed (the code prints nothing else)."""
        return float(self.django(code + "\nprint(time.time())").split()[-1])

    def start(self, *command, ready):
        process = subprocess.Popen(command, env=self.env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.processes.append(process)
        if wait_until(ready, 20) is None:
            process.terminate()
            raise AssertionError(f"{command[0]} did not start: {process.communicate(timeout=5)[1][-2000:]}")
        return process

    def stop(self):
        for process in reversed(self.processes):
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture
def site(tmp_path):
    site = Site(tmp_path)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], env=site.env, cwd=ROOT, check=True, timeout=120)
    yield site
    site.stop()


def start_app(site):
    port = free_port()
    url = f"http://127.0.0.1:{port}"

    def answers():
        try:
            return fetch(url + "/healthz")[0] == 200
        except OSError:
            return False

    site.start(sys.executable, "-m", "gunicorn", "newsdesk.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", ready=answers)
    return url


def test_the_page_cache_is_shared_by_every_process(site):
    app = start_app(site)
    site.django('make_article(headline="Ferry service resumes", slug="ferry")')
    for _ in range(8):  # both workers draw and cache the home page
        assert "Ferry service resumes" in fetch(app + "/")[2]
    site.django('Article.objects.filter(slug="ferry").update(headline="Quietly changed")')  # no signal: no clearing
    assert all("Ferry service resumes" in fetch(app + "/")[2] for _ in range(6)), "home page is not cached"

    committed = site.change('a = Article.objects.get(slug="ferry"); a.headline = "Ferry back on schedule"; a.save()')
    took = wait_until(lambda: all("Ferry back on schedule" in fetch(app + "/")[2] for _ in range(4)), 5)
    assert took is not None and time.time() - committed < WITHIN + 1


VARNISHD = shutil.which("varnishd")


def varnish_missing():
    if not VARNISHD:
        return "varnishd not found: install Debian's varnish and varnish-modules (make test does, as root)"
    check = subprocess.run([VARNISHD, "-C", "-f", str(VCL)], capture_output=True, text=True)
    if check.returncode != 0:
        return f"deploy/varnish/default.vcl does not compile here (varnish-modules missing?): {check.stderr[-300:]}"
    return None


NO_VARNISH = varnish_missing()


@pytest.mark.skipif(NO_VARNISH is not None, reason=str(NO_VARNISH))
def test_changes_reach_readers_through_varnish_within_two_seconds(site, tmp_path):
    app = start_app(site)
    vport = free_port()
    front = f"http://127.0.0.1:{vport}"
    vcl = VCL.read_text().replace('.port = "8000";', f'.port = "{app.rsplit(":", 1)[1]}";')
    vcl = vcl.replace(".interval = 5s;", ".interval = 1s;")
    (tmp_path / "test.vcl").write_text(vcl)
    site.env["VARNISH_PURGE_URLS"] = front + "/"
    site.start(
        VARNISHD, "-F", "-j", "none", "-n", str(tmp_path / "varnish"), "-a", f"127.0.0.1:{vport}",
        "-f", str(tmp_path / "test.vcl"), "-s", "malloc,32m", "-T", "none",
        ready=lambda: _answers(front),
    )  # fmt: skip

    site.django(
        'make_article(headline="Desk opens", slug="opens")\n'
        'make_article(headline="Storm warning", slug="storm", status=Status.DRAFT, published_at=None)'
    )

    def cached(path):
        """Fetch twice; the second must be Varnish's own copy (two ids in X-Varnish)."""
        fetch(front + path)
        status, headers, body = fetch(front + path)
        assert len(headers["X-Varnish"].split()) == 2, f"{path} was not served from Varnish's cache"
        return body

    # Publish
    assert "Storm warning" not in cached("/")
    committed = site.change('a = Article.objects.get(slug="storm"); a.status = Status.PUBLISHED; a.save()')
    assert wait_until(lambda: "Storm warning" in fetch(front + "/")[2], 5) is not None
    assert time.time() - committed <= WITHIN + 0.5, "publish took too long"
    story = site.django('print(Article.objects.get(slug="storm").get_absolute_url())').strip()

    # Update
    assert "Adds wind speeds" not in cached(story)
    committed = site.change(
        'a = Article.objects.get(slug="storm"); a.version += 1; a.updated_at = timezone.now()\n'
        'a.update_note = "Adds wind speeds"; a.save()'
    )
    seen = wait_until(lambda: "Adds wind speeds" in fetch(front + story)[2], 5)
    assert seen is not None and time.time() - committed <= WITHIN + 0.5, "update took too long"

    # Kill
    cached(story)
    committed = site.change('a = Article.objects.get(slug="storm"); a.status = Status.WITHDRAWN; a.save()')
    seen = wait_until(lambda: fetch(front + story)[0] == 410 and "Storm warning" not in fetch(front + "/")[2], 5)
    assert seen is not None and time.time() - committed <= WITHIN + 0.5, "kill took too long"

    # Embargo end: nobody saves anything; the cached copy's lifetime ends with the embargo.
    embargo_ends = float(
        site.django(
            "ends = timezone.now() + timedelta(seconds=4)\n"
            'make_article(headline="Sealed report", slug="sealed", embargo_until=ends)\n'
            "print(ends.timestamp())"
        )
    )
    assert "Sealed report" not in cached("/")
    seen = wait_until(lambda: "Sealed report" in fetch(front + "/")[2], 10)
    assert seen is not None and time.time() - embargo_ends <= WITHIN, "embargo end took too long"


def _answers(url):
    try:
        return fetch(url + "/healthz")[0] == 200
    except OSError:
        return False
