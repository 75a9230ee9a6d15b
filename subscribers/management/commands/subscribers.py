"""`subscribers add|list|revoke`: manage wire subscribers from the shell (see docs/subscribers.md)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.models import Kind, Precedence, Source
from subscribers.models import KEY_PREFIX_LENGTH, ApiKey, Subscriber, split_list


class Command(BaseCommand):
    help = "Add a subscriber (printing its API key once), list subscribers, or revoke a key."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="add|list|revoke")
        add = actions.add_parser("add", help="Add a subscriber and print its API key (shown only this once).")
        add.add_argument("name")
        add.add_argument("--sources", default="", help="Source slugs, comma separated (default: every source).")
        add.add_argument("--kinds", default="", help=f"Kinds, comma separated: {', '.join(Kind.values)} (default all).")
        add.add_argument("--precedence", choices=Precedence.values, default=Precedence.ROUTINE, help="Lowest taken.")
        add.add_argument("--languages", default="", help="Language codes, comma separated (default: every language).")
        add.add_argument("--contact", default="")
        add.add_argument("--webhook", default="", metavar="URL", help="Push each story here (needs --secret).")
        add.add_argument("--secret", default="", help="Shared secret that signs each push.")
        actions.add_parser("list", help="List subscribers, their products, webhooks and keys.")
        revoke = actions.add_parser("revoke", help="Revoke the API key that starts with KEY_PREFIX.")
        revoke.add_argument("key_prefix", metavar="KEY_PREFIX")

    def handle(self, *args, action, **options):
        return getattr(self, action)(**options)

    @transaction.atomic
    def add(self, name, sources, kinds, precedence, languages, contact, webhook, secret, **options):
        if Subscriber.objects.filter(name=name).exists():
            raise CommandError(f"A subscriber called {name!r} exists; issue it another key in the admin.")
        if bool(webhook) != bool(secret):
            raise CommandError("--webhook and --secret go together.")
        slugs = split_list(sources)
        found = list(Source.objects.filter(slug__in=slugs))
        missing = sorted(set(slugs) - {source.slug for source in found})
        if missing:
            raise CommandError(f"No source with slug {', '.join(missing)}. Known: {self.known_sources()}.")
        subscriber = Subscriber(
            name=name,
            contact=contact,
            kinds=split_list(kinds),
            lowest_precedence=precedence,
            languages=", ".join(split_list(languages)),
            webhook_url=webhook,
            webhook_secret=secret,
        )
        try:
            subscriber.full_clean()
        except ValidationError as error:
            raise CommandError(
                "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in error.message_dict.items())
            ) from None
        subscriber.save()
        subscriber.sources.set(found)
        _, key = subscriber.issue_key(label="made by `subscribers add`")
        self.stderr.write(f"Added {name} ({subscriber.product_summary()}). Its API key, shown only this once:")
        self.stdout.write(key)

    def list(self, **options):
        subscribers = Subscriber.objects.prefetch_related("sources").order_by("name")
        keys = ApiKey.objects.with_last_use().order_by("created_at")
        by_subscriber = {}
        for key in keys:
            by_subscriber.setdefault(key.subscriber_id, []).append(key)
        if not subscribers:
            self.stdout.write("No subscribers yet. Add one with: python manage.py subscribers add NAME")
        for subscriber in subscribers:
            state = "" if subscriber.active else " [paused]"
            self.stdout.write(f"{subscriber.name}{state}: {subscriber.product_summary()}")
            self.stdout.write(f"  webhook: {subscriber.webhook_url or '-'}")
            for key in by_subscriber.get(subscriber.pk, []):
                used = f"last used {key.last_used_at:%Y-%m-%d %H:%M}" if key.last_used_at else "never used"
                status = f"revoked {key.revoked_at:%Y-%m-%d %H:%M}" if key.revoked_at else "live"
                self.stdout.write(f"  key {key.prefix}  {status}, {used}  {key.label}".rstrip())

    def revoke(self, key_prefix, **options):
        given = key_prefix.strip()
        if len(given) < 4:
            raise CommandError("Give the key's first characters as `subscribers list` shows them, e.g. nd_AbC123xy.")
        matches = list(ApiKey.objects.select_related("subscriber").filter(prefix__startswith=given[:KEY_PREFIX_LENGTH]))
        if not matches:
            raise CommandError(f"No API key starts with {given!r}.")
        if len(matches) > 1:
            raise CommandError(f"{len(matches)} keys start with {given!r}; give more of it.")
        key = matches[0]
        if key.revoked_at:
            self.stdout.write(f"Key {key.prefix} of {key.subscriber} was already revoked.")
            return
        key.revoke()
        self.stdout.write(f"Revoked key {key.prefix} of {key.subscriber}. It stops working now.")

    def known_sources(self):
        return ", ".join(Source.objects.values_list("slug", flat=True)) or "none"
