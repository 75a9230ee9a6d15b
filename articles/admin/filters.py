"""The story list's filters beyond the model's own fields: tag, byline, mine,
timing (scheduled, embargoed) and a published date range."""

from datetime import datetime, time, timedelta

from django.contrib import admin
from django.utils import timezone
from taggit.models import Tag

from ..models import Byline, Status

# The filter sidebar lists at most this many tags or bylines, most used first.
CHOICES = 30


class TagFilter(admin.SimpleListFilter):
    title = "tag"
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        from django.db.models import Count

        tags = Tag.objects.annotate(n=Count("taggit_taggeditem_items")).order_by("-n", "name")[:CHOICES]
        return [(tag.slug, tag.name) for tag in tags]

    def queryset(self, request, queryset):
        return queryset.filter(tags__slug=self.value()).distinct() if self.value() else queryset


class BylineFilter(admin.SimpleListFilter):
    title = "byline"
    parameter_name = "byline"

    def lookups(self, request, model_admin):
        from django.db.models import Count

        bylines = Byline.objects.annotate(n=Count("articles")).order_by("-n", "name")[:CHOICES]
        return [(byline.slug, byline.name) for byline in bylines]

    def queryset(self, request, queryset):
        return queryset.filter(bylines__slug=self.value()).distinct() if self.value() else queryset


class MineFilter(admin.SimpleListFilter):
    title = "whose"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", "Mine")]

    def queryset(self, request, queryset):
        return queryset.filter(created_by=request.user) if self.value() == "1" else queryset


class TimingFilter(admin.SimpleListFilter):
    title = "timing"
    parameter_name = "timing"

    def lookups(self, request, model_admin):
        return [("scheduled", "Scheduled"), ("embargoed", "Embargoed")]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "scheduled":
            return queryset.filter(status=Status.PUBLISHED, published_at__gt=now)
        if self.value() == "embargoed":
            return queryset.filter(status=Status.PUBLISHED, embargo_until__gt=now)
        return queryset


def _day(value):
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except (TypeError, ValueError):
        return None


class PublishedRangeFilter(admin.ListFilter):
    """Published between two dates (inclusive), typed as YYYY-MM-DD; a bad date is ignored and said so."""

    title = "published between"
    template = "admin/desk/range_filter.html"
    parameters = ("published_from", "published_to")

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.values = {}
        for name in self.parameters:
            if name in params:
                raw = params.pop(name)
                self.values[name] = raw[-1] if isinstance(raw, list) else raw
        self.request = request

    def has_output(self):
        return True

    def expected_parameters(self):
        return list(self.parameters)

    def choices(self, changelist):
        others = [(k, v) for k, v in changelist.get_filters_params().items() if k not in self.parameters]
        yield {
            "from": self.values.get("published_from", ""),
            "to": self.values.get("published_to", ""),
            "bad": [name for name, raw in self.values.items() if raw and _day(raw) is None],
            "others": [(k, v[-1] if isinstance(v, list) else v) for k, v in others],
            "query": changelist.query,
            "clear_url": changelist.get_query_string(remove=list(self.parameters)),
        }

    def queryset(self, request, queryset):
        zone = timezone.get_current_timezone()
        start, end = _day(self.values.get("published_from")), _day(self.values.get("published_to"))
        if start:
            queryset = queryset.filter(published_at__gte=datetime.combine(start, time.min, zone))
        if end:
            queryset = queryset.filter(published_at__lt=datetime.combine(end + timedelta(days=1), time.min, zone))
        return queryset
