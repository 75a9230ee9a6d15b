"""Benchmark: search on PostgreSQL, with and without the GIN index.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nd_bench DEBUG=1 .venv/bin/python bench/search.py [STORIES]

Use a scratch database: it is migrated and filled with STORIES (default
20000) generated stories on the first run. Prints the median time of one
search page (the count and the first 20 ranked results with snippets) for a
few queries, with the index and with it dropped (inside a transaction that is
rolled back).
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

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from articles.models import Article, Source, Status  # noqa: E402
from articles.search import add_snippets, search  # noqa: E402

# The query words sit in the middle of a Zipf-like vocabulary, as topic words
# do in news copy: each appears in roughly a fifth of the stories.
WORDS = (
    "harbour ferry port minister talks river storm rain coast trade grain market bank rate council "
    "school hospital bridge rail airport budget election court police water power wind solar farm "
    "museum festival team match league record drought flood bus road city village island border"
).split()
VOCABULARY = [f"w{n}x" for n in range(200)] + WORDS + [f"w{n}y" for n in range(5000)]
WEIGHTS = [1 / rank for rank in range(1, len(VOCABULARY) + 1)]
QUERIES = ["ferry", "harbour ministers", '"river talks"', "drought -flood", "zeppelin"]
RUNS = 7


def fill(total):
    have = Article.objects.filter(guid__startswith="bench:").count()
    if have >= total:
        return
    source, _ = Source.objects.get_or_create(slug="bench", defaults={"name": "Bench Agency", "credit": "Bench"})
    rng = random.Random(have)
    now = timezone.now()

    def text(n):
        return " ".join(rng.choices(VOCABULARY, WEIGHTS, k=n))

    batch = [
        Article(
            guid=f"bench:{i}",
            slug=f"bench-{i}",
            headline=text(8).capitalize(),
            summary=text(25),
            body="".join(f"<p>{text(60)}.</p>" for _ in range(6)),
            source=source,
            status=Status.PUBLISHED,
            published_at=now - timedelta(minutes=i),
        )
        for i in range(have, total)
    ]
    Article.objects.bulk_create(batch, batch_size=1000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_article")


def one_page(query):
    stories = search(query)
    stories.count()
    add_snippets(list(stories[:20]), query)


def median_ms(query):
    one_page(query)  # warm up
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        one_page(query)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    if connection.vendor != "postgresql":
        sys.exit("This benchmark needs PostgreSQL: set DATABASE_URL=postgres://... (a scratch database).")
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    call_command("migrate", verbosity=0)
    fill(total)
    count = Article.objects.published().count()
    with_index = {q: median_ms(q) for q in QUERIES}
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX article_search_document_gin")
        without = {q: median_ms(q) for q in QUERIES}
        transaction.set_rollback(True)
    print(f"{count} published stories, median of {RUNS} runs, one search page (count + 20 results with snippets)")
    print(f"{'query':<22}{'with GIN index':>16}{'without':>12}")
    for q in QUERIES:
        print(f"{q:<22}{with_index[q]:>13.1f} ms{without[q]:>9.1f} ms")


if __name__ == "__main__":
    main()
