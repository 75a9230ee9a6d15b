"""Push benchmark: deliveries per second to a loopback receiver with two `db_worker`
processes, and how long a publish takes to reach the receiver.

    .venv/bin/python bench/deliveries.py                    # N = 300, SQLite (+ PostgreSQL if reachable)
    .venv/bin/python bench/deliveries.py --n 1000 --workers 4 --interval 0.2

Each run starts from an empty, migrated database (a temporary SQLite file, or a
throw-away PostgreSQL database on $BENCH_PG, default postgres://postgres@127.0.0.1:5432).
Burst: N stories are announced (`story_changed`, as the desk does after a publish) as
fast as one process can, then we wait for the receiver to have them all; deliveries/s
is N over the time from the first announce to the last receipt. Single: stories are
announced one at a time, each after the last arrived and a short pause, so the
workers are idle as on a quiet desk; latency is announce to receipt. The worker's
poll `--interval` (default 1 s, as in production) bounds the idle latency.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from scratch import scratch_postgres  # bench/scratch.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def receiver():
    """A loopback webhook receiver; returns (url, {guid: arrival time}, server)."""
    arrived = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            guid = body.split(b'"uri":"', 1)[1].split(b'"', 1)[0].decode()
            arrived.setdefault(guid, time.time())
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}/hook", arrived, server


def wait(condition, timeout):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for deliveries (are the workers running?)")
        time.sleep(0.005)


def summary(latencies):
    ordered = sorted(latencies)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (
        f"median {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms"
    )


def child(label, n, workers, interval, singles):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from articles.models import Article, Source, Status
    from articles.signals import story_changed
    from subscribers.models import Subscriber

    call_command("migrate", verbosity=0)
    url, arrived, server = receiver()
    Subscriber.objects.create(name="Bench", webhook_url=url, webhook_secret="bench-secret")  # noqa: S106 -- a throwaway database
    source = Source.objects.create(name="Bench Wire", slug="bench", credit="Bench")
    now = timezone.now()
    stories = [
        Article.objects.create(
            headline=f"Harbour reopens, take {i}",
            summary="Ships queue.",
            body="<p>Ships queue at the harbour.</p>",
            source=source,
            status=Status.PUBLISHED,
            published_at=now,
        )  # fmt: skip
        for i in range(n + singles)
    ]
    pool = [
        subprocess.Popen(  # noqa: S603 -- our own manage.py
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--no-reload",
                "--interval",
                str(interval),
                "--worker-id",
                f"bench-{k}",
                "--verbosity",
                "0",
            ],  # fmt: skip
            cwd=ROOT,
        )
        for k in range(workers)
    ]
    try:
        time.sleep(3)  # let the workers start
        announced = {}
        start = time.time()
        for story in stories[:n]:
            announced[story.guid] = time.time()
            story_changed.send(sender=Article, article=story, event="published", user=None)
        enqueue_seconds = time.time() - start
        wait(lambda: len(arrived) >= n, timeout=60 + n)
        elapsed = max(arrived.values()) - start
        burst = [arrived[g] - t for g, t in announced.items()]
        print(f"{label:<9} burst  {n} deliveries, {workers} workers: {n / elapsed:.0f} deliveries/s "
              f"(announcing took {enqueue_seconds:.1f} s); publish to receipt {summary(burst)}")  # fmt: skip
        quiet = []
        for story in stories[n:]:
            time.sleep(0.3 + interval * (len(quiet) % 3) / 3)  # land at different points of the poll
            t0 = time.time()
            story_changed.send(sender=Article, article=story, event="published", user=None)
            wait(lambda g=story.guid: g in arrived, timeout=30)
            quiet.append(arrived[story.guid] - t0)
        print(f"{label:<9} single {singles} stories on an idle desk (poll interval {interval:g} s): {summary(quiet)}")
        sys.stdout.flush()
    finally:
        for process in pool:
            process.terminate()
        for process in pool:
            process.wait(timeout=30)
        server.shutdown()


def run(label, database_url, args):
    env = os.environ | {
        "DATABASE_URL": database_url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + uuid.uuid4().hex,
        "WEBHOOK_ALLOW_LOOPBACK": "1",
        "SITE_URL": "http://127.0.0.1:8000/",
    }
    command = [sys.executable, __file__, "--child", label, "--n", str(args.n), "--workers", str(args.workers),
               "--interval", str(args.interval), "--singles", str(args.singles)]  # fmt: skip
    subprocess.run(command, env=env, check=True)  # noqa: S603 -- our own script


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--interval", type=float, default=1.0, help="db_worker poll interval when idle (s)")
    parser.add_argument("--singles", type=int, default=10)
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.n, args.workers, args.interval, args.singles)
    with tempfile.TemporaryDirectory() as folder:
        run("sqlite", f"sqlite:///{folder}/bench.sqlite3", args)
    with scratch_postgres("nd_push_bench") as url:
        if url:
            run("postgres", url, args)
    return None


if __name__ == "__main__":
    main()
