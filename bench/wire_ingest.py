"""Wire ingest benchmark: items per second and peak memory, per format and database.

    .venv/bin/python bench/wire_ingest.py                 # N = 100 and 1000, SQLite (+ PostgreSQL if reachable)
    .venv/bin/python bench/wire_ingest.py --n 500 5000 --parse-only

Each run starts from an empty, migrated database (a temporary SQLite file, or a
throw-away PostgreSQL database on $BENCH_PG, default postgres://postgres@127.0.0.1:5432).
items/s is timed without tracing. Peak memory is what Python allocates while reading the
batch (tracemalloc, a second pass; the input bytes themselves not counted): a newsMessage
is streamed, so its peak stays flat as N grows; a ninjs array is one JSON document.
items/CPU-s is the same run over the CPU time of this process (the database server's own
CPU, for PostgreSQL, is not counted). SQL/item counts every statement the run sent
(BEGIN, SAVEPOINT and COMMIT included). The page cache is cleared as in production
(an empty folder of files, or Redis when REDIS_URL is set). --parse-only skips the
database and shows parse + normalise alone, for larger N.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

from scratch import scratch_postgres  # bench/scratch.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
NAR = "http://iptc.org/std/nar/2006-10-01/"
BODY = "<p>BRISTOL, March 24 (Wire) -- The harbour reopened on Tuesday after a storm.</p>" + (
    "<p>Ships queued at the mouth of the river while pilots checked the channel for debris.</p>" * 6
)


def ninjs(n):
    items = [
        {
            "uri": f"urn:bench:ninjs:{i}",
            "type": "text",
            "version": "1",
            "versioncreated": "2026-03-24T09:00:00Z",
            "urgency": 1 + i % 9,
            "by": "Ann Lee and Ben Ode",
            "headlines": [{"role": "main", "value": f"Harbour reopens, ninjs take {i}"}],
            "bodies": [{"role": "main", "contenttype": "application/xhtml+xml", "value": BODY}],
            "subjects": [{"name": "Shipping"}, {"name": "Weather"}],
        }
        for i in range(n)
    ]
    return json.dumps(items).encode()


def newsml(n):
    def item(i):
        return (
            f'<newsItem guid="urn:bench:g2:{i}" version="1"><itemMeta><itemClass qcode="ninat:text"/>'
            '<provider literal="Bench Wire"/><versionCreated>2026-03-24T09:00:00Z</versionCreated>'
            f'<pubStatus qcode="stat:usable"/></itemMeta><contentMeta><urgency>{1 + i % 9}</urgency>'
            f"<by>Ann Lee and Ben Ode</by><subject><name>Shipping</name></subject><headline>"
            f"Harbour reopens, G2 take {i}"
            '</headline></contentMeta><contentSet><inlineXML contenttype="application/xhtml+xml">'
            f'<html xmlns="http://www.w3.org/1999/xhtml"><body>{BODY}</body></html></inlineXML></contentSet></newsItem>'
        )

    items = "".join(item(i) for i in range(n))
    return f'<newsMessage xmlns="{NAR}"><header/><itemSet>{items}</itemSet></newsMessage>'.encode()


def rss(n):
    entries = "".join(
        f"<item><title>Harbour reopens, RSS take {i}</title><guid>urn:bench:rss:{i}</guid>"
        f"<description><![CDATA[{BODY}]]></description><pubDate>Tue, 24 Mar 2026 09:00:00 GMT</pubDate>"
        "<category>Shipping</category></item>"
        for i in range(n)
    )
    return f'<rss version="2.0"><channel><title>Bench Feed</title>{entries}</channel></rss>'.encode()


FORMATS = {"ninjs": ninjs, "newsml": newsml, "rss": rss}


def child(sizes, label, parse_only):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
    import django
    from django.conf import settings

    django.setup()
    if "LOCATION" in settings.CACHES["pages"]:  # the page cache on files: an empty folder, as the database is
        settings.CACHES["pages"]["LOCATION"] = tempfile.mkdtemp(prefix="bench-pages-")
    from django.core.management import call_command
    from django.db import connection

    from wire.formats import parse
    from wire.normalise import normalise
    from wire.services import ingest

    if not parse_only:
        call_command("migrate", verbosity=0)
    for fmt, make in FORMATS.items():
        for n in sizes:
            data = make(n)
            # Pass 1, untraced: the speed of the whole path (parse + save, as `manage.py ingest` does).
            statements = [0]

            def counted(execute, sql, params, many, context, statements=statements):
                statements[0] += 1
                return execute(sql, params, many, context)

            start, cpu_start = time.perf_counter(), time.process_time()
            count = 0
            with connection.execute_wrapper(counted):
                if parse_only:
                    for item in parse(data):
                        normalise(item, end_marker="Enditem")
                        count += 1
                else:
                    for outcome in ingest(parse(data), origin="bench"):
                        assert outcome.action == "created", outcome  # noqa: S101 -- a bench that fails loudly
                        count += 1
            elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
            assert count == n, (fmt, count, n)  # noqa: S101
            # Pass 2, traced: peak memory of reading the batch (saving holds one item at a time).
            tracemalloc.start()
            for _item in parse(data):
                pass
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            print(
                f"{label:<10} {fmt:<7} {n:>7} {n / elapsed:>10.0f} {n / cpu:>11.0f} {statements[0] / n:>10.1f}"
                f" {peak / 2**20:>10.1f} {len(data) / 2**20:>9.1f}"
            )
            sys.stdout.flush()


def run(label, database_url, sizes, parse_only):
    env = os.environ | {"DATABASE_URL": database_url, "DEBUG": "0", "SECRET_KEY": "bench-" + uuid.uuid4().hex}
    args = [sys.executable, __file__, "--child", label, "--n", *map(str, sizes)] + (
        ["--parse-only"] if parse_only else []
    )
    subprocess.run(args, env=env, check=True)  # noqa: S603 -- our own script


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--parse-only", action="store_true")
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        return child(args.n, args.child, args.parse_only)
    print(
        f"{'database':<10} {'format':<7} {'items':>7} {'items/s':>10} {'items/CPU-s':>11} {'SQL/item':>10}"
        f" {'peak MiB':>10} {'input MiB':>9}"
    )
    with tempfile.TemporaryDirectory() as folder:
        for n in args.n:  # a fresh database per size, so every run creates
            run("parse" if args.parse_only else "sqlite", f"sqlite:///{folder}/bench-{n}.sqlite3", [n], args.parse_only)
    if args.parse_only:
        return None
    for n in args.n:
        with scratch_postgres("nd_wire_bench") as url:
            if not url:
                break
            run("postgres", url, [n], False)
    return None


if __name__ == "__main__":
    main()
