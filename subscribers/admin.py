"""Subscribers in the admin: products, keys (shown once), webhooks, and the delivery log."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from articles.models import Kind

from .delivery import redeliver
from .models import ApiKey, ApiKeyUsage, Delivery, Subscriber


class SubscriberForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        choices=Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Kinds of story they get. None ticked: every kind.",
    )

    class Meta:
        model = Subscriber
        fields = [
            "name", "active", "contact", "sources", "kinds", "lowest_precedence", "languages",
            "requests_per_minute", "webhook_url", "webhook_secret",
        ]  # fmt: skip


class ApiKeyForm(forms.ModelForm):
    revoke = forms.BooleanField(required=False, help_text="Tick and save: the key stops working at once.")

    class Meta:
        model = ApiKey
        fields = ["label"]

    def save(self, commit=True):
        key = super().save(commit=False)
        if self.cleaned_data.get("revoke") and key.revoked_at is None:
            key.revoked_at = timezone.now()
        if commit:
            key.save()
        return key


class ApiKeyInline(admin.TabularInline):
    model = ApiKey
    form = ApiKeyForm
    extra = 0
    can_delete = False
    fields = ["prefix", "label", "created_at", "last_used", "revoked_at", "revoke"]
    readonly_fields = ["prefix", "created_at", "last_used", "revoked_at"]
    verbose_name_plural = 'API keys (new ones: the "Issue a new API key" action on the subscriber list)'

    def get_queryset(self, request):
        return super().get_queryset(request).with_last_use()

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="last used")
    def last_used(self, key):
        return key.last_used_at or "never"


def show_new_keys(request, issued):
    """A page that shows new keys once (never stored in a message or cookie)."""
    return TemplateResponse(
        request,
        "admin/subscribers/new_keys.html",
        {"title": "New API keys", "issued": issued, "opts": Subscriber._meta, "has_view_permission": True},
    )


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    form = SubscriberForm
    list_display = ["name", "active", "product", "webhook_url", "live_keys", "delivery_log"]
    list_filter = ["active"]
    search_fields = ["name", "contact", "webhook_url"]
    filter_horizontal = ["sources"]
    inlines = [ApiKeyInline]
    actions = ["issue_key"]
    fieldsets = [
        (None, {"fields": ["name", "active", "contact"]}),
        ("Product", {"fields": ["sources", "kinds", "lowest_precedence", "languages", "requests_per_minute"]}),
        ("Push", {"fields": ["webhook_url", "webhook_secret"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("sources")
            .annotate(live_key_count=Count("keys", filter=Q(keys__revoked_at__isnull=True)))
        )

    @admin.display(description="product")
    def product(self, subscriber):
        return subscriber.product_summary()

    @admin.display(description="live keys", ordering="live_key_count")
    def live_keys(self, subscriber):
        return subscriber.live_key_count

    @admin.display(description="deliveries")
    def delivery_log(self, subscriber):
        url = reverse("admin:subscribers_delivery_changelist") + f"?subscriber__id__exact={subscriber.pk}"
        return format_html('<a href="{}">Delivery log</a>', url)

    @admin.action(description="Issue a new API key")
    def issue_key(self, request, queryset):
        issued = [(subscriber, subscriber.issue_key(label=f"issued by {request.user}")[1]) for subscriber in queryset]
        return show_new_keys(request, issued)

    def response_add(self, request, obj, post_url_continue=None):
        _, key = obj.issue_key(label=f"issued by {request.user}")
        return show_new_keys(request, [(obj, key)])


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return Delivery.State.choices

    def queryset(self, request, queryset):
        return queryset.filter(state=self.value()) if self.value() else queryset


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """The delivery log: every push, its attempts and answer; dead letters can be redelivered."""

    list_display = [
        "created_at",
        "subscriber",
        "event",
        "story",
        "state_label",
        "attempts",
        "last_status",
        "latency_ms",
        "short_error",
    ]
    list_filter = [StateFilter, "event", "subscriber"]
    list_select_related = ["subscriber", "article"]
    search_fields = ["guid", "article__headline", "=delivery_id"]
    date_hierarchy = "created_at"
    actions = ["redeliver_selected"]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="story", ordering="guid")
    def story(self, delivery):
        return delivery.article.headline if delivery.article else delivery.guid

    @admin.display(description="state", ordering="state")
    def state_label(self, delivery):
        if delivery.state == Delivery.State.DEAD:
            return format_html("<strong>{}</strong>", delivery.get_state_display())
        return delivery.get_state_display()

    @admin.display(description="last error")
    def short_error(self, delivery):
        return delivery.last_error[:120]

    @admin.action(description="Redeliver the selected dead letters", permissions=["redeliver"])
    def redeliver_selected(self, request, queryset):
        not_dead = queryset.exclude(state=Delivery.State.DEAD).count()
        sent, left = redeliver(queryset)
        self.message_user(request, f"{sent} dead letter(s) queued to be sent again.", messages.SUCCESS)
        if left:
            self.message_user(
                request,
                f"{left} left alone: a later event for the same story was queued since, and order comes first.",
                messages.WARNING,
            )
        if not_dead:
            self.message_user(request, f"{not_dead} were not dead letters and were left as they are.", messages.INFO)

    def has_redeliver_permission(self, request):
        return request.user.has_perm("subscribers.change_subscriber")


@admin.register(ApiKeyUsage)
class ApiKeyUsageAdmin(admin.ModelAdmin):
    list_display = ["day", "key", "subscriber", "requests", "last_request_at"]
    list_filter = ["key__subscriber"]
    list_select_related = ["key__subscriber"]
    date_hierarchy = "day"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(ordering="key__subscriber__name")
    def subscriber(self, usage):
        return usage.key.subscriber
