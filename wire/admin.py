"""The desk's view of the wire: where each story came from, and the ingest log."""

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode

from articles.admin import ArticleAdmin
from articles.models import Article

from .models import IngestLog, Provenance

HISTORY_ROWS = 20


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


class WireArticleAdmin(ArticleAdmin):
    """The story page with a read-only "Wire provenance" section: where it came from, each ingest.

    Shown as a read-only field rather than inlines, so the story form posts exactly as before.
    """

    readonly_fields = [*ArticleAdmin.readonly_fields, "wire_provenance"]
    fieldsets = [
        *ArticleAdmin.fieldsets,
        ("Wire provenance", {"classes": ["collapse"], "fields": ["wire_provenance"]}),
    ]

    @admin.display(description="Where this story came from")
    def wire_provenance(self, obj):
        origin = Provenance.objects.filter(article=obj).first() if obj and obj.pk else None
        if origin is None:
            return "Not from the wire: written on the desk."
        history = IngestLog.objects.filter(article=obj).order_by("-at", "-id")[:HISTORY_ROWS]
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            ((f"{timezone.localtime(e.at):%Y-%m-%d %H:%M:%S}", e.action, e.version or "—", e.origin) for e in history),
        )
        log_url = reverse("admin:wire_ingestlog_changelist") + "?" + urlencode({"q": origin.original_guid})
        return format_html(
            "<p>Original guid <code>{}</code>, {} format; agency's version time {}; first ingested {}, "
            "last ingested {} from <code>{}</code>.</p>"
            "<table><caption>Wire ingest history (newest first)</caption><thead><tr><th>when</th><th>what</th>"
            "<th>version</th><th>from</th></tr></thead><tbody>{}</tbody></table>"
            '<p><a href="{}">Full ingest log</a></p>',
            origin.original_guid,
            origin.format,
            origin.version_created or "not given",
            timezone.localtime(origin.first_ingested_at),
            timezone.localtime(origin.last_ingested_at),
            origin.origin,
            rows,
            log_url,
        )


admin.site.unregister(Article)
admin.site.register(Article, WireArticleAdmin)
