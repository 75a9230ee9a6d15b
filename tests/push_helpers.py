"""Helpers for subscriber tests: subscribers with keys, a real webhook receiver on
loopback, and workers (in this process, or a real `db_worker` subprocess)."""

import hashlib
import hmac
import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from itertools import count
from pathlib import Path
from unittest import mock

from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker

from articles.signals import story_changed
from subscribers.models import Subscriber

from .local_server import serving

ROOT = Path(__file__).resolve().parent.parent
SECRET = "test-secret-please-ignore"
_n = count(1)

# What the suite runs with (settings in tests) and hands to worker subprocesses (env).
FAST = {
    "WEBHOOK_RETRY_BASE_SECONDS": 0.05,
    "WEBHOOK_MAX_ATTEMPTS": 3,
    "WEBHOOK_TIMEOUT_SECONDS": 1.0,
    "WEBHOOK_LEASE_SECONDS": 2.0,
    "WEBHOOK_RECOVERY_SECONDS": 0.3,
    "WEBHOOK_ALLOW_LOOPBACK": True,
}


def make_subscriber(webhook="", **overrides):
    """A subscriber with one key; returns (subscriber, key)."""
    sources = overrides.pop("sources", [])
    fields = {"name": f"Subscriber {next(_n)}", "webhook_url": webhook, "webhook_secret": SECRET if webhook else ""}
    subscriber = Subscriber.objects.create(**(fields | overrides))
    subscriber.sources.set(sources)
    return subscriber, subscriber.issue_key()[1]


def bearer(key):
    return {"Authorization": f"Bearer {key}"}


def announce(article, event):
    """What articles.workflow does after a desk move commits."""
    story_changed.send(sender=type(article), article=article, event=event, user=None)


class Receiver:
    """A webhook receiver on a real loopback port. `answers` is a list of (status,
    seconds to wait first) given out in turn; the last is repeated."""

    def __init__(self, answers=((200, 0),)):
        self.answers = list(answers)
        self.requests = []  # dicts: event, delivery, signature, body, at
        self.lock = threading.Lock()
        self.arrived = threading.Event()

    def handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with receiver.lock:
                    n = len(receiver.requests)
                    receiver.requests.append(
                        {
                            "event": self.headers.get("X-Newsdesk-Event"),
                            "delivery": self.headers.get("X-Newsdesk-Delivery"),
                            "signature": self.headers.get("X-Newsdesk-Signature"),
                            "content_type": self.headers.get("Content-Type"),
                            "body": body,
                            "at": time.time(),
                        }
                    )
                    status, wait = receiver.answers[min(n, len(receiver.answers) - 1)]
                receiver.arrived.set()
                time.sleep(wait)
                try:
                    self.send_response(status)
                    if 300 <= status < 400:
                        self.send_header("Location", "http://127.0.0.1:9/elsewhere")
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except OSError:
                    pass  # the sender gave up (timeout) or died

            def log_message(self, *args):
                pass

        return Handler

    @contextmanager
    def serving(self, path="/hook"):
        with serving(self.handler()) as base:
            yield base + path

    def events(self):
        return [r["event"] for r in self.requests]


def valid_signature(request, secret=SECRET):
    expected = "sha256=" + hmac.new(secret.encode(), request["body"], hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, request["signature"] or "")


def drain(until=None, timeout=10.0):
    """Run a worker in this process (inside the test's transaction) until `until()` is
    true, or until no task is left; tasks due later are waited for, up to `timeout` s."""
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + timeout
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    # The worker drops connections between tasks; here that would drop the test's transaction.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        while time.monotonic() < deadline:
            worker.run()
            if until() if until else not DBTaskResult.objects.filter(status="READY").exists():
                return
            time.sleep(0.02)
    raise AssertionError(f"still not done after {timeout} s")


def database_url():
    """The test database as a DATABASE_URL, for subprocesses."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@contextmanager
def db_worker(name="w"):
    """A real `python manage.py db_worker` on the test database; killed on exit."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "REDIS_URL"}}
    env |= {key: str(value) for key, value in FAST.items()} | {"DATABASE_URL": database_url()}
    env["WEBHOOK_ALLOW_LOOPBACK"] = "1"
    process = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.05",
            "--worker-id",
            f"test-{name}-{os.getpid()}",
        ],  # fmt: skip
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)
        if process.stderr:
            process.stderr.close()


def wait_for(condition, timeout=15.0, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")
