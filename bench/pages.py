"""Reader pages under load: requests per second and server CPU per request.

    .venv/bin/python bench/pages.py                       # 200 and 20,000 stories, SQLite and PostgreSQL
    .venv/bin/python bench/pages.py --stories 200 --db sqlite --pages home,article --duration 3
    PAGE_CACHE_SECONDS=300 .venv/bin/python bench/pages.py  # the page cache on (default here: off)

For each database and size it fills a scratch database once (`load_demo
--stories N`; SQLite files in var/bench/, PostgreSQL databases named
<BENCH_PG database>_<N>), serves the project with gunicorn (2 sync workers,
DEBUG off, RATE_LIMITS=off unless set) beside a bare Django "hello" view under
the same settings (bench/hello_app.py), and drives each page with wrk (Debian
package `wrk`; without it, a bounded loopback client of threads). CPU is the
user+system time of the gunicorn workers over the run (from /proc), divided by
the requests answered: the cost of a page, whatever the load generator takes.
Each page is driven in turns with "hello" (--rounds turns each, --duration
seconds in all) and given as a ratio to the "hello" measured with it: a shared
machine's speed drifts by tens of percent within minutes. Worker memory is the
largest worker RSS after the runs. Results are printed as a Markdown table.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
TICK = os.sysconf("SC_CLK_TCK")
PAGES = ["home", "article", "tag", "search", "ticker", "rss", "sitemap"]
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/newsdesk_bench"

# Printed by a child process with the bench database: one URL per page.
URLS_SCRIPT = """
import json
from articles.models import Article
from articles.sitemaps import month_parts
story = Article.objects.published().filter(guid__startswith="urn:newsdesk:bulk:").newest_first()[50]
tag = story.tags.order_by("name").first()
parts = month_parts()
print(json.dumps({
    "home": "/",
    "article": story.get_absolute_url(),
    "tag": f"/tags/{tag.slug}/",
    "search": "/search/?q=" + story.dateline.title(),  # a place: in about 1 story in 100
    "ticker": "/ticker.json",
    "rss": "/feeds/latest.rss",
    "sitemap": parts[0]["location"] if parts else "/sitemap.xml",
}))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(engine, stories, pg_base):
    if engine == "sqlite":
        folder = ROOT / "var" / "bench"
        folder.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{folder / f'stories-{stories}.sqlite3'}"
    return f"{pg_base}_{stories}"


def ensure_postgres_database(url):
    import psycopg2  # noqa: PLC0415 - only when PostgreSQL is benchmarked

    base, name = url.rsplit("/", 1)
    connection = psycopg2.connect(f"{base}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def server_env(url, extra=None):
    env = os.environ.copy()
    env.update(
        {
            "DATABASE_URL": url,
            "DEBUG": "0",
            "SECRET_KEY": "bench-only-" + "x" * 50,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "MEDIA_ROOT": str(ROOT / "var" / "bench" / "media"),
            "PAGE_CACHE_SECONDS": os.environ.get("PAGE_CACHE_SECONDS", "0"),
            "RATE_LIMITS": os.environ.get("RATE_LIMITS", "off"),
        }
    )
    env.pop("PYTEST_VERSION", None)
    env.update(extra or {})
    return env


def prepare(url, stories):
    """Migrate and fill the bench database; return the page URLs to measure."""
    env = server_env(url)
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0", "--noinput"], env=env, check=True, cwd=ROOT)  # noqa: S603
    subprocess.run([*manage, "load_demo", "--stories", str(stories)], env=env, check=True, cwd=ROOT)  # noqa: S603
    subprocess.run([*manage, "collectstatic", "-v0", "--noinput"], env=env, check=True, cwd=ROOT)  # noqa: S603
    shell = [*manage, "shell", "-c", URLS_SCRIPT]
    out = subprocess.run(shell, env=env, check=True, cwd=ROOT, capture_output=True)  # noqa: S603
    return json.loads(out.stdout.decode().strip().splitlines()[-1])


class Server:
    """gunicorn, 2 sync workers, on a free loopback port."""

    def __init__(self, url, settings="newsdesk.settings"):
        self.port = free_port()
        env = server_env(url, {"DJANGO_SETTINGS_MODULE": settings})
        cmd = [
            str(Path(PYTHON).with_name("gunicorn")),
            "newsdesk.wsgi",
            "--pythonpath",
            f"{ROOT},{ROOT / 'bench'}",
            "--workers",
            "2",
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--log-level",
            "warning",
        ]
        self.process = subprocess.Popen(cmd, env=env, cwd=ROOT)  # noqa: S603 - our own command line
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.base + "/", timeout=5).read()  # noqa: S310 - loopback
                if len(self.workers()) == 2:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def settle(self, path, limit=60):
        """Wait until the workers have drained the requests a previous run left queued
        (wrk hangs up on them, the sync workers still serve them), so that one page's
        backlog is not counted against the next."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            start = time.monotonic()
            try:
                urllib.request.urlopen(self.base + path, timeout=limit).read()  # noqa: S310 - loopback
            except OSError:
                pass
            if time.monotonic() - start < 0.5:
                return
            time.sleep(0.5)

    def workers(self):
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def cpu_ticks(self):
        total = 0
        for pid in self.workers():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total

    def max_rss_mib(self):
        sizes = [0]
        for pid in self.workers():
            match = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
            sizes.append(int(match.group(1)) / 1024 if match else 0)
        return max(sizes)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()


def wrk(url, duration, connections, threads):
    out = subprocess.run(  # noqa: S603
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "5s", url],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    failed = (int(bad.group(1)) if bad else 0) + (sum(int(n) for n in errors.groups()) if errors else 0)
    return requests, failed


def loopback_client(url, duration, connections, threads):
    """Without wrk: `connections` threads with keep-alive connections, for `duration` seconds."""
    host, port, path = re.match(r"http://([^:/]+):(\d+)(.*)", url).groups()
    counts, failures = [0] * connections, [0] * connections
    deadline = time.monotonic() + duration

    def run(i):
        conn = HTTPConnection(host, int(port), timeout=5)
        while time.monotonic() < deadline:
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                counts[i] += 1
                failures[i] += response.status >= 400
            except OSError:
                failures[i] += 1
                conn.close()
                conn = HTTPConnection(host, int(port), timeout=5)

    pool = [threading.Thread(target=run, args=(i,)) for i in range(connections)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return sum(counts), sum(failures)


def drive_for(server, path, seconds, args):
    """Load `path` for `seconds`; the requests answered, failures and worker CPU ticks."""
    drive = wrk if shutil.which("wrk") else loopback_client
    server.settle(path)
    before = server.cpu_ticks()
    requests, failed = drive(server.base + path, seconds, args.connections, args.threads)
    return requests, failed, server.cpu_ticks() - before


def measure(server, path, args, hello):
    """A page's requests per second and CPU per request, with "hello" measured in
    turns with it (args.rounds turns each): on a shared machine the speed drifts
    by tens of percent within minutes, and a ratio is only as good as the two
    figures being measured at the same time."""
    drive = wrk if shutil.which("wrk") else loopback_client
    for each, where in ((server, path), (hello, "/")):
        each.settle(where)
        drive(each.base + where, 1, args.connections, args.threads)  # warm up both workers
    turn = max(1, round(args.duration / args.rounds))
    totals = {"page": [0, 0, 0, 0.0], "hello": [0, 0, 0, 0.0]}
    for _ in range(args.rounds):
        for name, each, where in (("hello", hello, "/"), ("page", server, path)):
            start = time.monotonic()
            got = drive_for(each, where, turn, args)
            total = totals[name]
            total[0], total[1], total[2] = total[0] + got[0], total[1] + got[1], total[2] + got[2]
            total[3] += time.monotonic() - start
    return {name: figures(*total) for name, total in totals.items()}


def figures(requests, failed, ticks, elapsed):
    cpu_ms = ticks / TICK * 1000 / requests if requests else float("nan")  # nan: no answer within the run
    return {"rps": requests / elapsed, "cpu_ms": cpu_ms, "failed": failed, "requests": requests}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", default="200,20000", help="comma list of archive sizes (default 200,20000)")
    parser.add_argument("--db", default="sqlite,postgres", help="comma list: sqlite, postgres")
    parser.add_argument("--pages", default=",".join(PAGES), help=f"comma list of {', '.join(PAGES)}")
    parser.add_argument("--duration", type=int, default=5, help="seconds of load per page (default 5)")
    parser.add_argument("--rounds", type=int, default=2, help="turns of hello and page each (default 2)")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--pg", default=os.environ.get("BENCH_PG", DEFAULT_PG), help="PostgreSQL URL prefix")
    args = parser.parse_args()
    pages = [page for page in args.pages.split(",") if page]
    unknown = set(pages) - set(PAGES) or {db for db in args.db.split(",") if db not in ("sqlite", "postgres")}
    if unknown:
        parser.error(f"unknown: {', '.join(sorted(unknown))}")
    if not shutil.which("wrk"):
        print("wrk not found (apt install wrk): using the built-in loopback client.", file=sys.stderr)

    cache = os.environ.get("PAGE_CACHE_SECONDS", "0")
    print(
        f"PAGE_CACHE_SECONDS={cache}, {args.threads} threads x {args.connections} connections, {args.duration} s/page"
    )
    print()
    columns = (
        "database",
        "stories",
        "page",
        "req/s",
        "CPU ms/req",
        "hello CPU ms/req",
        "CPU × hello",
        "req/s ÷ hello",
        "failed",
    )
    print("| " + " | ".join(columns) + " |")
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    memory = []
    for engine in args.db.split(","):
        for stories in sorted(int(n) for n in args.stories.split(",")):
            url = database_url(engine, stories, args.pg)
            if engine == "postgres":
                ensure_postgres_database(url)
            urls = prepare(url, stories)
            hello, server = Server(url, settings="hello_app"), Server(url)
            try:
                results = [(page, measure(server, urls[page], args, hello)) for page in pages]
                memory.append((engine, stories, server.max_rss_mib()))
            finally:
                server.stop()
                hello.stop()
            for page, got in results:
                ratio = got["page"]["cpu_ms"] / got["hello"]["cpu_ms"]
                share = got["page"]["rps"] / got["hello"]["rps"]
                row = f"| {engine} | {stories:,} | {page} | {got['page']['rps']:.0f} | {got['page']['cpu_ms']:.2f} |"
                row += f" {got['hello']['cpu_ms']:.2f} | {ratio:.1f} | {share:.2f} |"
                print(f"{row} {got['page']['failed'] + got['hello']['failed']} |", flush=True)
    print()
    for engine, stories, mib in memory:
        print(f"worker memory after the runs, {engine}, {stories:,} stories: {mib:.0f} MiB (largest worker RSS)")


if __name__ == "__main__":
    main()
