"""`manage.py ingest`: wire files, folders, a watched drop folder, or a polled feed URL.

One line per item: `created|updated|unchanged|rejected <guid> <headline or reason>`,
then a total. Exit status 0 if nothing was rejected, 1 otherwise, 2 for a usage error.
See docs/wire.md.
"""

import os
import signal
import threading
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections, connection
from django.utils import timezone

from articles.models import Source
from wire import services
from wire.formats import detect, parse
from wire.item import Skipped

PROCESSED, ERROR = "_processed", "_error"
SKIPPED_SUFFIXES = (".tmp", ".part", ".reason")


class Command(BaseCommand):
    help = "Ingest wire copy (ninjs, NewsML-G2, NewsML 1, NITF, RSS, Atom) from files, folders, a drop folder or URLs."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="PATH_OR_FILE", help="Files, folders, or http(s) feed URLs.")
        parser.add_argument(
            "--source", metavar="SLUG", help="Credit every item to this source instead of its provider."
        )
        parser.add_argument("--watch", metavar="DIR", help="Ingest files dropped into DIR until stopped (SIGTERM).")
        parser.add_argument(
            "--every", type=float, metavar="SECONDS", help="Poll the URLs (or the --watch folder) this often."
        )
        parser.add_argument("--once", action="store_true", help="With --watch: process what is there, then stop.")

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        self.counts = dict.fromkeys(["created", "updated", "unchanged", "rejected"], 0)
        self.source = self._source(options["source"])
        self.stop = threading.Event()
        paths, watch, every = options["paths"], options["watch"], options["every"]
        urls = [p for p in paths if p.startswith(("http://", "https://"))]
        files = [Path(p) for p in paths if p not in urls]
        if not paths and not watch:
            raise CommandError("Give files, folders or feed URLs to ingest, or --watch DIR.", returncode=2)
        for path in files:
            if not path.exists():
                raise CommandError(f"No such file or folder: {path}", returncode=2)
        if watch and not Path(watch).is_dir():
            raise CommandError(f"--watch needs an existing folder: {watch}", returncode=2)
        if every is not None and (every <= 0 or not (urls or watch)):
            raise CommandError("--every needs a positive number of seconds and a URL or --watch.", returncode=2)

        for path in files:
            for file in walk(path):
                self.ingest_file(file)
        if watch or (urls and every):
            self.run_forever(Path(watch) if watch else None, urls, every or 2.0, once=options["once"])
        else:
            for url in urls:
                self.ingest_url(url, {})
        self.finish()

    def _source(self, slug):
        if slug is None:
            return None
        source = Source.objects.filter(slug=slug).first()
        if source is None:
            known = ", ".join(Source.objects.values_list("slug", flat=True)) or "none yet"
            raise CommandError(f"Unknown --source {slug!r} (known: {known}).", returncode=2)
        return source

    # One batch of bytes -> one line per item
    def ingest_bytes(self, data, origin):
        """Ingest every item in `data`; returns the rejected outcomes."""
        rejected = []
        for outcome in services.ingest(parse(data), source=self.source, origin=origin):
            if isinstance(outcome, Skipped):  # fine, but not a story: a comment line, not counted
                self.stdout.write(f"# skipped {outcome.guid if outcome.guid != '-' else origin} {outcome.reason}")
                continue
            self.counts[outcome.action] += 1
            self.stdout.write(str(outcome))
            for note in outcome.notes:
                self.stdout.write(f"# {outcome.guid} {note}")
            if outcome.action == "rejected":
                rejected.append(outcome)
        return rejected

    def ingest_file(self, path):
        """Ingest one file; returns the rejected outcomes."""
        try:
            size = path.stat().st_size
            if size > settings.WIRE_MAX_FILE_BYTES:
                return [
                    self._rejected(
                        str(path), f"file is {size} bytes, over the {settings.WIRE_MAX_FILE_BYTES}-byte limit"
                    )
                ]
            data = path.read_bytes()
        except OSError as error:  # e.g. unreadable, or taken away since the folder was listed
            return [self._rejected(str(path), f"cannot read the file: {error.strerror}")]
        return self.ingest_bytes(data, str(path))

    def _rejected(self, origin, reason):
        outcome = services.reject(origin, reason, origin=origin)
        self.counts["rejected"] += 1
        self.stdout.write(str(outcome))
        return outcome

    def ingest_url(self, url, validators):
        """Fetch `url` (conditional GET with the ETag/Last-Modified in `validators`) and ingest it."""
        request = urllib.request.Request(url, headers={"User-Agent": "Newsdesk wire ingest"})  # noqa: S310 -- http(s) only, checked in handle
        if validators.get("etag"):
            request.add_header("If-None-Match", validators["etag"])
        if validators.get("modified"):
            request.add_header("If-Modified-Since", validators["modified"])
        limit = settings.WIRE_MAX_FILE_BYTES
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                data = response.read(limit + 1)
                validators["etag"] = response.headers.get("ETag")
                validators["modified"] = response.headers.get("Last-Modified")
        except urllib.error.HTTPError as error:
            if error.code == 304:
                if self.verbosity >= 2:
                    self.stdout.write(f"# {url}: not modified")
                return
            return self._rejected(url, f"HTTP {error.code} {error.reason}")
        except (urllib.error.URLError, OSError, ValueError) as error:
            return self._rejected(url, f"fetch failed: {getattr(error, 'reason', error)}")
        if len(data) > limit:
            return self._rejected(url, f"response over the {limit}-byte limit")
        self.ingest_bytes(data, url)

    # Continuous ingest
    def run_forever(self, folder, urls, every, once=False):
        """Poll the drop folder and the URLs until SIGTERM/SIGINT (or one round with --once)."""
        previous = {sig: signal.signal(sig, self._request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
        validators = {url: {} for url in urls}
        try:
            while not self.stop.is_set():
                if not connection.in_atomic_block:  # a long run drops stale connections between rounds
                    close_old_connections()
                if folder:
                    self.sweep(folder)
                for url in urls:
                    if not self.stop.is_set():
                        self.ingest_url(url, validators[url])
                if once:
                    break
                self.stop.wait(every)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if self.stop.is_set():
            self.stdout.write("stopped: finished the file in hand, the rest waits for the next run")

    def _request_stop(self, signum, frame):
        self.stop.set()

    def sweep(self, folder):
        """Ingest each file waiting in `folder`, then move it to _processed/ or _error/ (with a .reason)."""
        # Pictures last: the copy that names them finds them still in the folder.
        for path in sorted((p for p in folder.iterdir() if waiting(p)), key=lambda p: (is_picture(p), p.name)):
            if self.stop.is_set():
                return
            rejected = self.ingest_file(path)
            target = folder / (ERROR if rejected else PROCESSED)
            target.mkdir(exist_ok=True)
            destination = free_name(target / path.name)
            if rejected:
                lines = "".join(f"{o.guid} {o.message}\n" for o in rejected)
                destination.with_name(destination.name + ".reason").write_text(lines, encoding="utf-8")
            os.replace(path, destination)  # only now is the file done: a crash before this re-reads it

    def finish(self):
        counts = self.counts
        self.stdout.write(
            f"total {sum(counts.values())}: {counts['created']} created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['rejected']} rejected"
        )
        if counts["rejected"]:
            raise CommandError(
                f"{counts['rejected']} rejected; see the lines above or the admin's ingest log.", returncode=1
            )


def walk(path):
    """The files under `path` (itself if a file), in name order, skipping hidden and sorted-out ones."""
    if path.is_file():
        yield path
        return
    for root, dirs, names in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", PROCESSED, ERROR)))
        for name in sorted(names):
            if waiting(Path(root) / name):
                yield Path(root) / name


def is_picture(path):
    try:
        with path.open("rb") as file:
            return detect(file.read(16)) == "picture"
    except OSError:
        return False


def waiting(path):
    """A file ready to ingest: not hidden, not half-written (.tmp/.part), not a .reason note."""
    return path.is_file() and not path.name.startswith(".") and not path.name.endswith(SKIPPED_SUFFIXES)


def free_name(path):
    """`path`, or the same name with a timestamp if a file of that name is already there."""
    if not path.exists():
        return path
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
    return path.with_name(f"{path.stem}.{stamp}{path.suffix}")
