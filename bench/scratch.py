"""A throwaway PostgreSQL database for one benchmark run (server from BENCH_PG)."""

import os
import uuid
from contextlib import contextmanager


@contextmanager
def scratch_postgres(prefix):
    """Yield the URL of a new, empty database `<prefix>_<random>`, dropped afterwards;
    yield None (saying why) when no PostgreSQL answers."""
    base = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    try:
        import psycopg2

        name = f"{prefix}_{uuid.uuid4().hex[:8]}"
        conn = psycopg2.connect(f"{base}/postgres", connect_timeout=3)
        conn.autocommit = True
        conn.cursor().execute(f"CREATE DATABASE {name}")
    except Exception as error:  # noqa: BLE001 -- any failure just means "no PostgreSQL here"
        print(f"# PostgreSQL skipped: {error}".strip())
        yield None
        return
    try:
        yield f"{base}/{name}"
    finally:
        conn.cursor().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.close()
