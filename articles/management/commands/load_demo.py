from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify

import pagecache
from articles import demo, demo_bulk, workflow
from articles.demo_accounts import accounts_file, ensure_demo_accounts
from articles.models import Article, ArticleByline, Byline, Source, Status, Ticker, TickerEntry
from articles.ticker import clear_cached_ticker
from photos.demo import make_demo_images


class Command(BaseCommand):
    help = "Load the demo desk (sources, bylines, ~20 stories, a ticker). Safe to run again: existing items are kept."

    def add_arguments(self, parser):
        parser.add_argument(
            "--stories",
            type=int,
            metavar="N",
            help="Then top the desk up to N published stories of generated copy (bulk; for benchmarks).",
        )

    def handle(self, *args, **options):
        if options["stories"] is not None and options["stories"] < 0:
            raise CommandError("--stories must be zero or more.")
        self.load_desk()
        if options["stories"]:
            added = demo_bulk.top_up(options["stories"])
            if added:  # bulk inserts send no model signals: clear cached pages and the ticker here
                pagecache.invalidate_everything()
                clear_cached_ticker()
            total = Article.objects.published().count()
            self.stdout.write(self.style.SUCCESS(f"Generated {added} stories; {total} published in all."))

    @transaction.atomic
    def load_desk(self):
        now = timezone.now().replace(second=0, microsecond=0)
        sources = {}
        for slug, name, credit, url, end_marker, indexable, position in demo.SOURCES:
            sources[slug], _ = Source.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "credit": credit,
                    "url": url,
                    "end_marker": end_marker,
                    "indexable": indexable,
                    "position": position,
                },
            )
        bylines = {}
        for name, role, source_slug in demo.BYLINES:
            bylines[name], _ = Byline.objects.get_or_create(
                slug=slugify(name), defaults={"name": name, "role": role, "source": sources.get(source_slug)}
            )

        created = 0
        for n, story in enumerate(demo.STORIES, start=1):
            hours, kind, precedence, urgency, source, dateline, headline, summary, paragraphs, names, tags = story
            article, is_new = Article.objects.get_or_create(
                guid=f"urn:newsdesk:demo:{n}",
                defaults={
                    "headline": headline,
                    "kind": kind,
                    "precedence": precedence,
                    "urgency": urgency,
                    "source": sources[source],
                    "dateline": dateline,
                    "summary": summary,
                    "body": "".join(f"<p>{escape(p)}</p>" for p in paragraphs),
                    "status": Status.PUBLISHED,
                    "published_at": now - timedelta(hours=hours),
                },
            )
            if is_new:
                created += 1
                article.tags.add(*tags)
                ArticleByline.objects.bulk_create(
                    ArticleByline(article=article, byline=bylines[name], position=i) for i, name in enumerate(names)
                )
        for n, updates in demo.DEVELOPING.items():
            article = Article.objects.get(guid=f"urn:newsdesk:demo:{n}")
            if article.version == 1:
                for minutes, note, paragraph in updates:
                    article.body += f"<p>{escape(paragraph)}</p>"
                    moved = article.published_at + timedelta(minutes=minutes)
                    workflow.update(article, user=None, what_changed=note, now=moved)
        for n, (hours, headline, source) in enumerate(demo.DRAFTS, start=1):
            _, is_new = Article.objects.get_or_create(
                guid=f"urn:newsdesk:demo:draft-{n}",
                defaults={
                    "headline": headline,
                    "source": sources[source],
                    "summary": "Held on the desk for the demo.",
                    "body": "<p>Copy to follow.</p>",
                    "status": Status.DRAFT if hours is None else Status.PUBLISHED,
                    "published_at": None if hours is None else now + timedelta(hours=hours),
                },
            )
            created += is_new

        ticker, _ = Ticker.objects.get_or_create(slug="off-the-wire", defaults={"title": "Off the wire"})
        if not ticker.entries.exists():
            TickerEntry.objects.create(
                ticker=ticker, article=Article.objects.get(guid="urn:newsdesk:demo:6"), position=1
            )
        photos = make_demo_images(Article.objects.published().newest_first()[:6])
        accounts = ensure_demo_accounts()
        total = Article.objects.count()
        self.stdout.write(
            self.style.SUCCESS(f"Demo desk ready: {created} stories added, {total} in all; {photos} photos drawn.")
        )
        self.stdout.write(f"Demo accounts ({', '.join(name for name, _, _ in accounts)}) in {accounts_file()}.")
