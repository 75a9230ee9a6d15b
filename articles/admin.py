from django import forms
from django.contrib import admin, messages
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from taggit.models import Tag

from . import services
from .models import Article, ArticleByline, Byline, Source, Status, Ticker, TickerEntry
from .ticker import get_ticker


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


class ArticleBylineInline(admin.TabularInline):
    model = ArticleByline
    extra = 1
    autocomplete_fields = ["byline"]
    fields = ["byline", "position"]
    verbose_name = "byline"
    verbose_name_plural = "bylines (in the order readers see them)"


class ArticleForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 -- the admin's fieldsets choose what is shown
        widgets = {
            "headline": forms.TextInput(attrs={"size": 90}),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "editors_note": forms.Textarea(attrs={"rows": 3}),
            "withdrawn_reason": forms.Textarea(attrs={"rows": 2}),
            "tags": forms.TextInput(attrs={"size": 90, "list": "tag-suggestions"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tags"].widget.attrs["data-tag-suggest"] = reverse("admin:articles_article_tag_suggestions")


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleForm
    list_display = ["labelled_headline", "source", "status_display", "published_at", "tag_list"]
    list_display_links = ["labelled_headline"]
    list_select_related = ["source"]
    list_filter = ["status", "source", "kind", "precedence"]
    search_fields = ["headline", "slugline", "guid", "summary"]
    date_hierarchy = "published_at"
    list_per_page = 50
    autocomplete_fields = ["source", "lead_image"]
    inlines = [ArticleBylineInline]
    actions = ["publish_selected", "withdraw_selected"]
    readonly_fields = ["created_at", "modified_at"]
    fieldsets = [
        ("Story", {"fields": ["headline", ("kind", "precedence"), "dateline", "summary", "body", "source", "tags"]}),
        ("Photo", {"fields": ["lead_image"]}),
        ("Publishing", {"fields": ["status", ("published_at", "embargo_until"), "updated_at", "withdrawn_reason"]}),
        (
            "Wire metadata",
            {
                "classes": ["collapse"],
                "fields": [
                    ("guid", "version"),
                    ("urgency", "language"),
                    "slug",
                    "slugline",
                    "editors_note",
                    ("created_at", "modified_at"),
                ],
            },
        ),
    ]

    class Media:
        js = ["js/admin-tag-suggest.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description="headline", ordering="headline")
    def labelled_headline(self, obj):
        return obj.labelled_headline

    @admin.display(description="status", ordering="status")
    def status_display(self, obj):
        now = timezone.now()
        if obj.status == Status.PUBLISHED and obj.published_at and obj.published_at > now:
            return f"Scheduled for {timezone.localtime(obj.published_at):%b %d, %H:%M}"
        if obj.embargo_until and obj.embargo_until > now and obj.status != Status.WITHDRAWN:
            return f"{obj.get_status_display()}, embargoed until {timezone.localtime(obj.embargo_until):%b %d, %H:%M}"
        return obj.get_status_display()

    @admin.display(description="tags")
    def tag_list(self, obj):
        return ", ".join(sorted(tag.name for tag in obj.tags.all()))

    @admin.action(description="Publish selected stories")
    def publish_selected(self, request, queryset):
        count = services.publish(queryset)
        skipped = queryset.count() - count
        self.message_user(request, f"Published {count} {'story' if count == 1 else 'stories'}.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request, f"{skipped} already published or withdrawn: left as they were.", messages.WARNING
            )

    @admin.action(description="Withdraw selected stories (kill)")
    def withdraw_selected(self, request, queryset):
        count = services.withdraw(queryset, reason="Withdrawn by the desk.")
        self.message_user(
            request,
            f"Withdrew {count} {'story' if count == 1 else 'stories'}. Their addresses now show a withdrawal notice.",
            messages.SUCCESS,
        )

    def get_urls(self):
        suggest = self.admin_site.admin_view(self.tag_suggestions)
        return [path("tag-suggestions/", suggest, name="articles_article_tag_suggestions"), *super().get_urls()]

    def tag_suggestions(self, request):
        """Existing tags starting with what the editor typed, for the tag field's autocomplete."""
        term = request.GET.get("q", "").strip()[:50]
        names = Tag.objects.filter(name__istartswith=term).order_by("name").values_list("name", flat=True)[:15]
        return JsonResponse({"tags": list(names) if term else []})


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
