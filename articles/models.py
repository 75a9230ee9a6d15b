import functools
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.text import slugify
from django_prose_editor.fields import ProseEditorField
from taggit.managers import TaggableManager

from newsdesk import links

from .sanitize import EDITOR_EXTENSIONS, clean_html


class Kind(models.TextChoices):
    """A story's genre. Plain news carries no label."""

    NEWS = "news", "News"
    INTERVIEW = "interview", "Interview"
    FEATURE = "feature", "Feature"
    ROUNDUP = "roundup", "Roundup"
    ANALYSIS = "analysis", "Analysis"
    COMMENTARY = "commentary", "Commentary"


class Precedence(models.TextChoices):
    """How urgently the wire moves a story; Flash and Urgent show as labels."""

    FLASH = "flash", "Flash"
    URGENT = "urgent", "Urgent"
    ROUTINE = "routine", "Routine"


class Status(models.TextChoices):
    """A story's state; articles/workflow.py is the only code that changes it."""

    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Ready for desk"
    PUBLISHED = "published", "Published"
    WITHDRAWN = "withdrawn", "Withdrawn"


def label_for(kind, precedence):
    """The one label readers see before a headline: precedence beats kind."""
    if precedence in (Precedence.FLASH, Precedence.URGENT):
        return Precedence(precedence).label
    if kind and kind != Kind.NEWS:
        return Kind(kind).label
    return ""


def validate_time_zone(name):
    try:
        zoneinfo.ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        raise ValidationError(f"{name!r} is not a time zone name such as UTC or Europe/Rome.") from None


class Source(models.Model):
    name = models.CharField(max_length=100, help_text="The agency's full name, e.g. Xinhua News Agency.")
    slug = models.SlugField(unique=True, help_text="Used in the source's archive address.")
    credit = models.CharField(max_length=60, help_text='What readers see in the credit line, e.g. "Xinhua".')
    url = models.URLField("home page", blank=True)
    end_marker = models.CharField(
        max_length=20,
        blank=True,
        default="Enditem",
        help_text="The word the agency closes each story with; shown after the last paragraph.",
    )
    indexable = models.BooleanField(
        "search engines may index",
        default=True,
        help_text="Untick when the agency's licence keeps its copy out of search engines.",
    )
    position = models.PositiveSmallIntegerField(
        default=100, help_text="Sources are listed by this number, lowest first."
    )
    time_zone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text="The agency's time zone (e.g. Europe/Rome), for wire times sent without an offset.",
    )

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return links.reverse("articles:source", args=[self.slug])


class Byline(models.Model):
    name = models.CharField(max_length=120, help_text="The person's name as readers see it.")
    slug = models.SlugField(unique=True)
    role = models.CharField(max_length=60, blank=True, help_text='E.g. "Correspondent", "Photographer".')
    affiliation = models.CharField(
        max_length=120,
        blank=True,
        help_text='Where the person works, if not the source, e.g. "Michigan State University".',
    )
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="bylines")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Byline, self.name, max_length=50)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return links.reverse("articles:byline", args=[self.slug])


def published_q(now=None, prefix=""):
    """What readers may see, as a condition: published, due, and out of embargo.

    This is the only place that rule is written; every public page, feed,
    sitemap, the ticker and the API start from it (through published(), or
    with a `prefix` such as "article__" to filter a related model by a join).
    """
    now = now or timezone.now()
    return Q(**{f"{prefix}status": Status.PUBLISHED, f"{prefix}published_at__lte": now}) & (
        Q(**{f"{prefix}embargo_until__isnull": True}) | Q(**{f"{prefix}embargo_until__lte": now})
    )


# What a river of stories shows of each story (ArticleQuerySet.for_river()): its address,
# labelled headline, summary, time, and its source's credit and lead photo, joined whole.
RIVER_FIELDS = ("headline", "slug", "kind", "precedence", "summary", "published_at", "source", "lead_image")


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """What readers may see (published_q): the start of every reader's query."""
        return self.filter(published_q(now))

    def for_listing(self):
        """The shape of stories shown whole (story page, feeds, API): source and lead
        photo joined, ordered bylines and tags prefetched (read them with
        ordered_bylines() and topic_tags())."""
        return self.select_related("source", "lead_image").prefetch_related(
            Prefetch(
                "credits",
                queryset=ArticleByline.objects.select_related("byline").order_by("position"),
                to_attr="prefetched_credits",
            ),
            # to_attr: taggit's own prefetch builds a queryset per story, which cost
            # more than the rest of a 20-story list put together.
            Prefetch("tags", to_attr="prefetched_tags"),
        )

    def for_river(self):
        """The shape of a river of stories (home, archives, search): one query, source
        and lead photo joined, and only the fields a list shows (a 20-story list reads
        a third faster without the rest: each date is parsed, each value converted)."""
        return self.select_related("source", "lead_image").only(*RIVER_FIELDS)

    def newest_first(self):
        return self.order_by("-published_at", "-id")


class Article(models.Model):
    # Wire identity
    guid = models.CharField(
        "wire ID",
        max_length=255,
        unique=True,
        blank=True,
        help_text="The story's permanent wire identifier. Made for you when left empty.",
    )
    version = models.PositiveIntegerField(default=1, help_text="Goes up by one with each update moved on the wire.")

    # The story
    headline = models.CharField(max_length=300, help_text="Without a label: the label comes from kind and precedence.")
    slug = models.SlugField(
        max_length=120, unique=True, blank=True, help_text="The story's web address. Made from the headline when empty."
    )
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.NEWS, help_text="The genre.")
    precedence = models.CharField(
        max_length=8,
        choices=Precedence,
        default=Precedence.ROUTINE,
        help_text="Flash and Urgent are shown as labels before the headline.",
    )
    urgency = models.PositiveSmallIntegerField(
        "IPTC urgency",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(9)],
        help_text="1 is most urgent, 9 least.",
    )
    dateline = models.CharField(
        max_length=100, blank=True, help_text='The place the story was filed from, e.g. "MOSCOW".'
    )
    summary = models.TextField(blank=True, help_text="One or two sentences for lists, feeds and search engines.")
    body = ProseEditorField(
        config={"extensions": EDITOR_EXTENSIONS},
        sanitize=clean_html,
        blank=True,
        help_text="The story. Scripts, styles and embeds are removed when saved.",
    )
    language = models.CharField(max_length=12, default="en", help_text="Language code, e.g. en, fr, zh.")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="articles")
    bylines = models.ManyToManyField(Byline, through="ArticleByline", blank=True, related_name="articles")
    tags = TaggableManager(blank=True, help_text="Topics, places and people, separated by commas.")
    lead_image = models.ForeignKey("photos.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    # Workflow
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "publish time",
        null=True,
        blank=True,
        help_text="When readers first see the story. A future time schedules it.",
    )
    embargo_until = models.DateTimeField(
        null=True, blank=True, help_text="Hidden from every public page and feed until this time."
    )
    updated_at = models.DateTimeField(
        null=True, blank=True, help_text='Shown to readers as "Updated …" after an update or correction.'
    )
    withdrawn_reason = models.TextField(blank=True, help_text="Shown to readers at the story's address.")
    return_note = models.TextField(
        "note from the desk",
        blank=True,
        help_text="Why an editor returned the story to its reporter. Cleared when it is sent to the desk again.",
    )
    update_note = models.CharField(
        "what changed",
        max_length=300,
        blank=True,
        help_text='Shown to readers under "Updated …" after an update, e.g. "Adds death toll from officials".',
    )

    # Internal, never shown to readers
    slugline = models.CharField(max_length=100, blank=True, help_text="The desk's short working name.")
    editors_note = models.TextField("editors' note", blank=True, help_text="For the desk only.")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who wrote it on the desk; empty for wire copy. A Reporter edits only their own drafts.",
    )
    desk_edited_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the desk last changed the wire's text; a wire update then waits for an editor.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "published_at"], name="article_status_pub"),
            models.Index(fields=["source", "published_at"], name="article_source_pub"),
            models.Index(fields=["kind", "published_at"], name="article_kind_pub"),
            # The desk page's queues (articles/admin/monitor.py).
            models.Index(fields=["status", "embargo_until"], name="article_status_embargo"),
            models.Index(fields=["status", "modified_at"], name="article_status_modified"),
            models.Index(fields=["created_at"], name="article_created"),
        ]
        permissions = [
            ("publish_article", "Can publish and schedule stories"),
            ("correct_article", "Can correct and update published stories"),
            ("withdraw_article", "Can withdraw (kill) stories"),
            ("restore_article", "Can restore withdrawn stories"),
            ("lift_embargo", "Can lift an embargo early"),
        ]

    def __str__(self):
        return self.labelled_headline

    def save(self, *args, **kwargs):
        self.body = clean_html(self.body)
        if not self.guid:
            self.guid = f"urn:newsdesk:{uuid.uuid4()}"
        if not self.slug:
            self.slug = unique_slug(Article, self.headline, max_length=100)
        if self.status == Status.PUBLISHED and not self.published_at:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return story_url(self.slug, self.dated)

    def clean(self):
        if self.status == Status.PUBLISHED and not self.body and not self.summary:
            raise ValidationError("A published story needs a body or a summary.")
        if self.status == Status.PUBLISHED and self.lead_image_id and not self.lead_image.alt_text:
            raise ValidationError({"lead_image": "This photo needs alt text before the story is published."})

    @property
    def is_returned(self):
        return self.status == Status.DRAFT and bool(self.return_note)

    @property
    def label(self):
        return label_for(self.kind, self.precedence)

    @property
    def labelled_headline(self):
        return f"{self.label}: {self.headline}" if self.label else self.headline

    @property
    def dated(self):
        """The moment the story's address and credit line are dated by."""
        return self.published_at or self.created_at or timezone.now()

    def ordered_bylines(self):
        """Bylines in their set order; uses what for_listing() or the story page
        (articles/story_page.py) read when there is one."""
        bylines = getattr(self, "prefetched_bylines", None)
        if bylines is not None:
            return bylines
        credits = getattr(self, "prefetched_credits", None)
        if credits is None:
            credits = self.credits.select_related("byline").order_by("position")
        return [credit.byline for credit in credits]

    def topic_tags(self):
        """The story's tags in alphabetical order (the same on every page, feed and
        database); uses what for_listing() or the story page read when there is one."""
        tags = getattr(self, "prefetched_tags", None)
        return sorted(self.tags.all() if tags is None else tags, key=lambda tag: tag.name.casefold())

    def jsonld_corrections(self):
        """Corrections and clarifications as schema.org `correction` values for the JSON-LD.

        Oldest first, as the story page lists them; one query unless prefetched.
        """
        return [
            {
                "@type": "CorrectionComment",
                "text": f"{correction.get_kind_display()}: {correction.text}",
                "datePublished": correction.created_at.isoformat(),
            }
            for correction in self.notices()
        ]

    def _corrections(self):
        corrections = getattr(self, "prefetched_corrections", None)
        return self.corrections.all() if corrections is None else corrections

    def notices(self):
        """Its corrections and clarifications, oldest first (not its updates).
        From what the story page read of `corrections`, which holds both."""
        return [notice for notice in self._corrections() if notice.kind != Correction.Kind.UPDATE]

    def story_updates(self):
        """Its updates, newest first: the versions of a developing story after the
        first (see includes/developing.html). From the same read: no extra query."""
        updates = [notice for notice in self._corrections() if notice.kind == Correction.Kind.UPDATE]
        return sorted(updates, key=lambda notice: (notice.created_at, notice.pk), reverse=True)

    def body_photos(self):
        """The photos placed in its text (photos.StoryPhoto), in order, each with its
        photo; from what the story page read when there is one."""
        uses = getattr(self, "prefetched_story_photos", None)
        return list(self.story_photos.select_related("image")) if uses is None else uses


class ArticleByline(models.Model):
    """A byline on a story, in the order the story lists them."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="credits")
    byline = models.ForeignKey(Byline, on_delete=models.CASCADE, related_name="credits")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["article", "byline"], name="one_credit_per_byline")]

    def __str__(self):
        return f"{self.byline} on {self.article_id}"


class Ticker(models.Model):
    """The "Off the wire" ticker: the newest published stories, steered by entries."""

    title = models.CharField(max_length=60, default="Off the wire")
    slug = models.SlugField(unique=True, default="off-the-wire")
    size = models.PositiveSmallIntegerField(
        default=settings.TICKER_SIZE, help_text="How many headlines the ticker shows."
    )

    def __str__(self):
        return self.title


class TickerEntryQuerySet(models.QuerySet):
    def active(self, now=None):
        now = now or timezone.now()
        return self.filter(Q(starts_at__isnull=True) | Q(starts_at__lte=now)).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )


class TickerEntry(models.Model):
    class Action(models.TextChoices):
        PIN = "pin", "Pin to the front"
        HIDE = "hide", "Keep off the ticker"

    ticker = models.ForeignKey(Ticker, on_delete=models.CASCADE, related_name="entries")
    action = models.CharField(max_length=4, choices=Action, default=Action.PIN)
    article = models.ForeignKey(
        Article,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="ticker_entries",
        help_text="A story of ours. Leave empty to pin an outside headline instead.",
    )
    headline = models.CharField(max_length=300, blank=True, help_text="Outside headline (only without a story).")
    url = models.URLField("link", blank=True, help_text="Where the outside headline leads.")
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.NEWS, help_text="Label for an outside headline.")
    precedence = models.CharField(max_length=8, choices=Precedence, default=Precedence.ROUTINE)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Pinned items are shown by this number, lowest first."
    )
    starts_at = models.DateTimeField(null=True, blank=True, help_text="Empty: from now.")
    expires_at = models.DateTimeField(null=True, blank=True, help_text="Empty: until removed.")

    objects = TickerEntryQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name_plural = "ticker entries"

    def __str__(self):
        what = self.article.headline if self.article_id else self.headline
        return f"{self.get_action_display()}: {what}"

    def clean(self):
        if self.action == self.Action.HIDE and not self.article_id:
            raise ValidationError({"article": "Choose the story to keep off the ticker."})
        if not self.article_id and not (self.headline and self.url):
            raise ValidationError("Choose a story, or give an outside headline and its link.")
        if self.starts_at and self.expires_at and self.expires_at <= self.starts_at:
            raise ValidationError({"expires_at": "The expiry must come after the start."})


def published_story_exists(relation):
    """A filter for tags, sources or bylines that readers may see a story of:
    `Source.objects.filter(published_story_exists("source"))`. Their archives and
    feeds answer 404 otherwise, so they never reveal a name only drafts use."""
    return models.Exists(Article.objects.published().filter(**{relation: models.OuterRef("pk")}))


def story_url(slug, dated):
    """A story's address, dated by `dated` in the desk's time zone (Article.get_absolute_url)."""
    day = timezone.localtime(dated)
    return story_path_format(get_script_prefix(), get_urlconf()).format(day.year, day.month, day.day, slug)


@functools.cache
def story_path_format(prefix, urlconf):
    """The story URL pattern as a format string, from one reverse() per script prefix:
    lists and sitemaps make thousands of story URLs, and reverse() is the slow part."""
    marker = "0000/00/00/story-slug-marker"
    path = reverse("articles:detail", kwargs={"year": 0, "month": 0, "day": 0, "slug": "story-slug-marker"})
    if marker not in path:  # the URL pattern changed shape: say so rather than make wrong links
        raise ImproperlyConfigured(f"Unexpected story URL {path!r}")
    return path.replace("{", "{{").replace("}", "}}").replace(marker, "{:04d}/{:02d}/{:02d}/{}")


def slug_base(text, max_length=100):
    """The slug `text` gets when it is free (unique_slug() numbers it otherwise)."""
    return slugify(text)[:max_length].strip("-") or "story"


def unique_slug(model, text, max_length=100):
    base = slug_base(text, max_length)
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base[: max_length - 6]}-{n}"
        n += 1
    return slug


class Correction(models.Model):
    """A dated notice readers see on the story: a correction (we got it wrong), a
    clarification (we said it unclearly), added with workflow.correct(); or an
    update (new facts: one version of a developing story and what changed), written
    by workflow.update() and the wire's updates. One table, so the story page reads
    them all in the one query it already makes."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"
        UPDATE = "update", "Update"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField("type", max_length=13, choices=Kind, default=Kind.CORRECTION)
    text = models.TextField(help_text="What was wrong and what is right, in plain words. Readers see this.")
    created_at = models.DateTimeField("time", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(
        null=True, blank=True, help_text="For an update: the story's version it made. Empty for the others."
    )

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.article_id}, {self.created_at:%Y-%m-%d %H:%M}"


class WireUpdate(models.Model):
    """A newer wire version of a story the desk has edited since its last ingest.

    The desk's text stays live; an editor takes, merges or dismisses this
    (articles.workflow). One waits per story: a newer version replaces it."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="wire_update")
    version = models.PositiveIntegerField()
    fields = models.JSONField(help_text="The incoming values of the story's fields, by field name.")
    tags = models.JSONField(default=list, blank=True)
    bylines = models.JSONField(default=list, blank=True)
    version_created = models.DateTimeField(null=True, blank=True, help_text="The agency's time for this version.")
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "wire update waiting"
        verbose_name_plural = "wire updates waiting"

    def __str__(self):
        return f"Version {self.version} of {self.article_id}"


class FullTextMatch(models.Lookup):
    """`document__match="..."`: SQLite FTS5's MATCH."""

    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class FullTextField(models.TextField):
    """An FTS5 table's hidden column named after the table: it stands for every column."""


FullTextField.register_lookup(FullTextMatch)


class StoryText(models.Model):
    """The SQLite FTS5 index of stories' words (articles/search_fts.py), read through
    the ORM: one row per story (rowid = the story's id), with FTS5's `rank`.
    Not a table of ours: SQLite makes it, triggers fill it; absent on PostgreSQL."""

    article = models.OneToOneField(
        Article, primary_key=True, db_column="rowid", on_delete=models.DO_NOTHING, related_name="text_index"
    )
    # FTS5's hidden column named after the table: `<table> MATCH 'words'` searches every column.
    document = FullTextField(db_column="articles_article_fts")
    rank = models.FloatField()

    class Meta:
        managed = False
        db_table = "articles_article_fts"

    def __str__(self):
        return f"Search index of story {self.article_id}"
