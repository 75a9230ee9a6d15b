"""The desk's reference data: sources, bylines and the ticker."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join

from ..models import Byline, Source, Ticker, TickerEntry
from ..ticker import get_ticker


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "credit", "slug", "end_marker", "indexable", "position"]
    list_editable = ["position"]
    search_fields = ["name", "credit", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Byline)
class BylineAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "source"]
    list_select_related = ["source"]
    list_filter = ["source"]
    search_fields = ["name", "role"]
    autocomplete_fields = ["source"]
    prepopulated_fields = {"slug": ["name"]}


class TickerEntryInline(admin.TabularInline):
    model = TickerEntry
    extra = 1
    autocomplete_fields = ["article"]
    fields = ["position", "action", "article", "headline", "url", "kind", "precedence", "starts_at", "expires_at"]


@admin.register(Ticker)
class TickerAdmin(admin.ModelAdmin):
    list_display = ["title", "size"]
    inlines = [TickerEntryInline]
    readonly_fields = ["now_showing"]
    fields = ["title", "slug", "size", "now_showing"]

    @admin.display(description="Readers see now")
    def now_showing(self, obj):
        items = get_ticker(slug=obj.slug).items if obj.pk else []
        rows = format_html_join(
            "",
            "<li>{}{}{}</li>",
            (
                (f"{item.label}: " if item.label else "", item.headline, " (pinned)" if item.pinned else "")
                for item in items
            ),
        )
        return format_html("<ol>{}</ol>", rows) if items else "Nothing yet."
