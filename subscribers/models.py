"""Subscribers: who may read the ninjs API, what their product covers, and where
their webhook is; the keys they read with; and every push delivery made to them."""

import hashlib
import hmac
import secrets
import uuid
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Max, Q
from django.utils import timezone

from articles.models import Kind, Precedence, Source

# Lowest precedence a product takes -> the precedences it covers.
COVERED_PRECEDENCES = {
    Precedence.FLASH: [Precedence.FLASH],
    Precedence.URGENT: [Precedence.FLASH, Precedence.URGENT],
    Precedence.ROUTINE: [Precedence.FLASH, Precedence.URGENT, Precedence.ROUTINE],
}
KEY_PREFIX_LENGTH = 12  # "nd_" and 9 characters: how a key is named in lists and `subscribers revoke`


def validate_webhook_url(url):
    """A clear error for an address we would never post to; the address check itself
    (private networks, loopback) happens at each delivery, after DNS (subscribers.webhooks)."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValidationError("Give a full web address, e.g. https://client.example/newsdesk-hook.")
    if parts.username or parts.password:
        raise ValidationError("Leave user names and passwords out of the address; the secret signs each push.")


def split_list(text):
    return [item.strip().lower() for item in text.replace(";", ",").split(",") if item.strip()]


class SubscriberQuerySet(models.QuerySet):
    def with_webhook(self):
        return self.filter(active=True).exclude(webhook_url="")


class Subscriber(models.Model):
    """A client of the wire: reads the ninjs API with its keys, and may be pushed to."""

    name = models.CharField(max_length=100, unique=True)
    active = models.BooleanField(default=True, help_text="Untick to stop its keys working and its pushes.")
    contact = models.TextField(blank=True, help_text="Who to call when their feed breaks: name, email, phone.")

    # The product: what the subscriber buys. An empty choice means "all".
    sources = models.ManyToManyField(
        Source, blank=True, related_name="+", help_text="Agencies whose copy they get. None chosen: every source."
    )
    kinds = models.JSONField(default=list, blank=True, help_text="Kinds of story they get. None chosen: every kind.")
    lowest_precedence = models.CharField(
        max_length=8,
        choices=Precedence,
        default=Precedence.ROUTINE,
        help_text="Routine: everything. Urgent: urgent and flash only. Flash: flashes only.",
    )
    languages = models.CharField(
        max_length=100, blank=True, help_text="Language codes separated by commas, e.g. en, fr. Empty: every language."
    )
    requests_per_minute = models.PositiveIntegerField(
        default=120, help_text="How many API requests each of its keys may make a minute; more answer 429."
    )

    # Push
    webhook_url = models.URLField(
        "webhook address",
        max_length=500,
        blank=True,
        validators=[validate_webhook_url],
        help_text="Where each story is POSTed as it moves. https only. Empty: no push.",
    )
    webhook_secret = models.CharField(
        max_length=200,
        blank=True,
        help_text="Shared with the subscriber: signs every push (X-Newsdesk-Signature). Made for you when empty.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.webhook_url and not self.webhook_secret:
            self.webhook_secret = secrets.token_urlsafe(32)
        super().save(*args, **kwargs)

    # The product as a query (the API) and as a test of one story (push). They are one
    # rule written for two places; tests/test_subscriber_products.py holds them together.
    def product_q(self):
        """Stories this subscriber's product covers, as a filter on Article."""
        q = Q(precedence__in=COVERED_PRECEDENCES[self.lowest_precedence])
        source_ids = [source.pk for source in self.sources.all()]
        if source_ids:
            q &= Q(source_id__in=source_ids)
        if self.kinds:
            q &= Q(kind__in=self.kinds)
        languages = split_list(self.languages)
        if languages:
            language_q = Q()
            for code in languages:
                language_q |= Q(language__iexact=code) | Q(language__istartswith=f"{code}-")
            q &= language_q
        return q

    def covers(self, article):
        """Whether the product covers `article` (uses prefetched sources)."""
        source_ids = {source.pk for source in self.sources.all()}
        language = article.language.lower()
        languages = split_list(self.languages)
        return (
            article.precedence in COVERED_PRECEDENCES[self.lowest_precedence]
            and (not source_ids or article.source_id in source_ids)
            and (not self.kinds or article.kind in self.kinds)
            and (not languages or any(language == c or language.startswith(f"{c}-") for c in languages))
        )

    def product_summary(self):
        parts = [
            ", ".join(source.slug for source in self.sources.all()) or "all sources",
            ", ".join(self.kinds) or "all kinds",
            f"{self.lowest_precedence} and up" if self.lowest_precedence != Precedence.ROUTINE else "any precedence",
            self.languages or "any language",
        ]
        return "; ".join(parts)

    def clean(self):
        unknown = set(self.kinds) - set(Kind.values)
        if unknown:
            raise ValidationError({"kinds": f"Unknown kinds: {', '.join(sorted(unknown))}."})

    def issue_key(self, label=""):
        """A new API key; returns (ApiKey, the key itself). Only its hash is kept."""
        return ApiKey.issue(self, label)


def hash_key(key):
    # Keys are 240 random bits: a fast hash is enough (nothing to brute-force), and the
    # API checks one on every request.
    return hashlib.sha256(key.encode()).hexdigest()


class ApiKeyQuerySet(models.QuerySet):
    def with_last_use(self):
        return self.annotate(last_used_at=Max("usage__last_request_at"))


class ApiKey(models.Model):
    """A key a subscriber reads the API with. Shown once when issued; we keep its hash."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="keys")
    prefix = models.CharField(max_length=KEY_PREFIX_LENGTH, unique=True, editable=False)
    hashed = models.CharField(max_length=64, editable=False)
    label = models.CharField(max_length=100, blank=True, help_text='What it is for, e.g. "production feed".')
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        ordering = ["subscriber", "created_at"]
        verbose_name = "API key"

    def __str__(self):
        return f"{self.prefix}… ({self.subscriber})"

    @classmethod
    def issue(cls, subscriber, label=""):
        while True:
            key = "nd_" + secrets.token_urlsafe(30)
            if not cls.objects.filter(prefix=key[:KEY_PREFIX_LENGTH]).exists():
                break
        api_key = cls.objects.create(
            subscriber=subscriber, prefix=key[:KEY_PREFIX_LENGTH], hashed=hash_key(key), label=label
        )
        return api_key, key

    @classmethod
    def find(cls, key):
        """The live or revoked ApiKey for `key` (subscriber joined, sources prefetched), or None."""
        found = (
            cls.objects.select_related("subscriber")
            .prefetch_related("subscriber__sources")
            .filter(prefix=key[:KEY_PREFIX_LENGTH])
            .first()
        )
        if found is None or not hmac.compare_digest(found.hashed, hash_key(key)):
            return None
        return found

    def revoke(self):
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])


class ApiKeyUsage(models.Model):
    """Requests one key made on one day (the desk's time zone)."""

    key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="usage")
    day = models.DateField()
    requests = models.PositiveIntegerField(default=0)
    last_request_at = models.DateTimeField()

    class Meta:
        ordering = ["-day"]
        verbose_name = "API use per day"
        verbose_name_plural = "API use per day"
        constraints = [models.UniqueConstraint(fields=["key", "day"], name="one_usage_row_per_key_and_day")]

    def __str__(self):
        return f"{self.key.prefix} on {self.day}: {self.requests}"

    @classmethod
    def count(cls, key, now=None):
        """Add one request to today's count in one statement (an upsert; SQLite and PostgreSQL)."""
        now = now or timezone.now()
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (key_id, day, requests, last_request_at) VALUES (%s, %s, 1, %s) "  # noqa: S608
                "ON CONFLICT (key_id, day) DO UPDATE SET requests = "
                f"{table}.requests + 1, last_request_at = excluded.last_request_at",
                [key.pk, timezone.localdate(now), now],
            )


class Delivery(models.Model):
    """One event pushed to one subscriber: the source of truth for push.

    Tasks only wake a worker up; what is owed, to whom and in what order is here.
    Deliveries for one subscriber and story go out one at a time, oldest first.
    """

    class State(models.TextChoices):
        PENDING = "pending", "Waiting"
        SENDING = "sending", "Sending"
        DELIVERED = "delivered", "Delivered"
        DEAD = "dead", "Dead letter"
        SUPERSEDED = "superseded", "Superseded by a newer version"
        SKIPPED = "skipped", "Skipped (story no longer public)"

    class Event(models.TextChoices):
        PUBLISHED = "published", "Published"
        UPDATED = "updated", "Updated"
        CORRECTED = "corrected", "Corrected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    UNFINISHED = (State.PENDING, State.SENDING)
    CONTENT_EVENTS = (Event.PUBLISHED, Event.UPDATED, Event.CORRECTED)

    delivery_id = models.UUIDField(
        "delivery ID", default=uuid.uuid4, unique=True, editable=False, help_text="X-Newsdesk-Delivery"
    )
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    article = models.ForeignKey("articles.Article", null=True, on_delete=models.SET_NULL, related_name="deliveries")
    guid = models.CharField("wire ID", max_length=255, help_text="The story's; with the subscriber, names the chain.")
    event = models.CharField(max_length=10, choices=Event)
    state = models.CharField(max_length=10, choices=State, default=State.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    not_before = models.DateTimeField(help_text="When the next attempt may start.")
    lease_until = models.DateTimeField(null=True, blank=True)
    lease_token = models.CharField(max_length=32, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(default=0)
    payload = models.TextField(blank=True, help_text="The body sent, fixed at the first attempt.")
    last_status = models.PositiveSmallIntegerField("status code", null=True, blank=True)
    last_error = models.TextField(blank=True)
    latency_ms = models.PositiveIntegerField("latency (ms)", null=True, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    task_id = models.UUIDField(null=True, blank=True, editable=False, help_text="The last task that was to send it.")

    class Meta:
        ordering = ["-id"]
        verbose_name_plural = "deliveries"
        indexes = [
            models.Index(fields=["subscriber", "guid", "id"], name="delivery_chain"),
            models.Index(fields=["state", "not_before"], name="delivery_due"),
        ]

    def __str__(self):
        return f"{self.event} {self.guid} to {self.subscriber_id}"

    def chain(self):
        """Every delivery for the same subscriber and story."""
        return Delivery.objects.filter(subscriber_id=self.subscriber_id, guid=self.guid)
