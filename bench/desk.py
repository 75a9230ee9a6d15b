"""Benchmark: the desk page's JSON poll and the page itself at STORIES stories.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nd_bench DEBUG=1 .venv/bin/python bench/desk.py [STORIES]

Use a scratch database (SQLite works too: leave DATABASE_URL unset and point
it at a scratch file). It is migrated and filled with STORIES (default 20000)
stories spread over every queue on the first run. Prints the median time of a
full answer (200) of /admin/desk/queues.json, of a 304 and of /admin/desk/,
through Django's test client as a Desk chief.
"""

import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import Group, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import Article, Precedence, Source, Status  # noqa: E402

RUNS = 15


def fill(total):
    have = Article.objects.filter(guid__startswith="deskbench:").count()
    if have >= total:
        return
    source, _ = Source.objects.get_or_create(slug="bench", defaults={"name": "Bench Agency", "credit": "Bench"})
    rng = random.Random(have)
    now = timezone.now()
    batch = []
    for i in range(have, total):
        status = rng.choices([Status.PUBLISHED, Status.SUBMITTED, Status.DRAFT, Status.WITHDRAWN], [85, 5, 5, 5])[0]
        ahead = rng.random() < 0.03
        batch.append(
            Article(
                guid=f"deskbench:{i}",
                slug=f"desk-bench-{i}",
                headline=f"Bench story {i}",
                body="<p>Text.</p>",
                source=source,
                status=status,
                precedence=rng.choices(list(Precedence.values), [1, 4, 95])[0],
                published_at=now + timedelta(hours=rng.randint(1, 48)) if ahead else now - timedelta(minutes=i),
                embargo_until=now + timedelta(hours=2) if rng.random() < 0.01 else None,
            )
        )
    Article.objects.bulk_create(batch, batch_size=1000)


def median_ms(client, url, **headers):
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url, headers=headers)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), response


def main():
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    call_command("migrate", verbosity=0)
    fill(total)
    setup_test_environment()
    user, _ = User.objects.get_or_create(username="desk-bench", defaults={"is_staff": True})
    user.groups.add(Group.objects.get(name="Desk chief"))
    client = Client()
    client.force_login(user)
    print(f"{Article.objects.count()} stories in the database")
    full, response = median_ms(client, "/admin/desk/queues.json")
    print(f"queues.json 200: {full:.1f} ms")
    cached, response = median_ms(client, "/admin/desk/queues.json", if_none_match=response["ETag"])
    print(f"queues.json {response.status_code}: {cached:.1f} ms")
    page, _ = median_ms(client, "/admin/desk/")
    print(f"/admin/desk/: {page:.1f} ms")


if __name__ == "__main__":
    main()
