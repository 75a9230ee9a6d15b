"""The desk's view of the wire: where each story came from, and the ingest log."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from articles.admin import ArticleAdmin
from articles.models import Article

from .models import IngestLog, Provenance


class ReadOnlyAdminMixin:
    """The wire writes these; editors only read them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IngestLog)
class IngestLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "action", "guid", "message", "format", "origin", "story"]
    list_filter = ["action", "format"]
    search_fields = ["guid", "message", "origin"]
    date_hierarchy = "at"
    list_per_page = 100
    list_select_related = ["article"]

    @admin.display(description="story")
    def story(self, obj):
        if not obj.article_id:
            return "—"
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article.headline)


@admin.register(Provenance)
class ProvenanceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["article", "original_guid", "format", "last_ingested_at"]
    list_select_related = ["article", "article__source"]
    list_filter = ["format"]
    search_fields = ["original_guid", "article__headline"]
    date_hierarchy = "last_ingested_at"


class ProvenanceInline(ReadOnlyAdminMixin, admin.StackedInline):
    model = Provenance
    can_delete = False
    fields = ["original_guid", "format", "origin", "version_created", "first_ingested_at", "last_ingested_at"]
    readonly_fields = fields
    verbose_name = verbose_name_plural = "Where this story came from (wire)"


class IngestHistoryInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = IngestLog
    fields = ["at", "action", "version", "format", "origin", "message"]
    readonly_fields = fields
    ordering = ["-at", "-id"]
    verbose_name = "ingest"
    verbose_name_plural = "Wire ingest history (each version the wire moved)"
    classes = ["collapse"]


class WireArticleAdmin(ArticleAdmin):
    """The story page with its wire provenance and ingest history underneath."""

    inlines = [*ArticleAdmin.inlines, ProvenanceInline, IngestHistoryInline]

    def get_queryset(self, request):
        # Work-around: ArticleAdmin prefetches tags with a custom Prefetch queryset, which taggit
        # refuses (ValueError), so every story's change page redirected as "doesn't exist".
        # Drop this method once articles/admin.py prefetches plain "tags".
        return admin.ModelAdmin.get_queryset(self, request).prefetch_related("tags")


admin.site.unregister(Article)
admin.site.register(Article, WireArticleAdmin)
