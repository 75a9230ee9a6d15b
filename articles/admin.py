from datetime import datetime

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from reversion.admin import VersionAdmin
from reversion.models import Version
from taggit.forms import TagWidget
from taggit.models import Tag

from photos.admin import StoryPhotoInline
from security.ratelimit import rate_limit

from . import history, services
from .models import Article, ArticleByline, Byline, Correction, Source, Status, Ticker, TickerEntry
from .ticker import get_ticker
from .views import preview_link


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


def can(request, codename):
    """Whether the signed-in user holds one of the desk's article permissions."""
    return request.user.has_perm(f"articles.{codename}")


class ArticleForm(forms.ModelForm):
    # Optimistic locking: the modified time the editor loaded. A save whose time
    # no longer matches the stored story is refused (see clean_stale()).
    seen_modified_at = forms.CharField(widget=forms.HiddenInput, required=False)
    is_update = forms.BooleanField(
        label="This is an update",
        required=False,
        help_text='New facts: the version goes up and readers see "Updated …". Address and wire ID stay.',
    )

    request = None  # set by ArticleAdmin.get_form()

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 -- the admin's fieldsets choose what is shown
        widgets = {
            "headline": forms.TextInput(attrs={"size": 90}),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "editors_note": forms.Textarea(attrs={"rows": 3}),
            "withdrawn_reason": forms.Textarea(attrs={"rows": 2}),
            "update_note": forms.TextInput(attrs={"size": 90}),
            # taggit's widget shows existing tags as "a, b" (a plain TextInput shows "[]").
            "tags": TagWidget(attrs={"size": 90, "list": "tag-suggestions"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stale = None
        self.embargo_lifted = None
        if "tags" in self.fields:  # absent when the form is read-only
            self.fields["tags"].widget.attrs["data-tag-suggest"] = reverse("admin:articles_article_tag_suggestions")
        if self.instance.pk:
            self.initial["seen_modified_at"] = self.instance.modified_at.isoformat()
        if self.request and "status" in self.fields:
            current = self.instance.status if self.instance.pk else Status.DRAFT
            allowed = {current, Status.DRAFT}
            if can(self.request, "publish_article"):
                allowed.add(Status.PUBLISHED)
            if can(self.request, "withdraw_article"):
                allowed.add(Status.WITHDRAWN)
            if current == Status.WITHDRAWN and not can(self.request, "restore_article"):
                allowed = {Status.WITHDRAWN}
            self.fields["status"].choices = [c for c in Status.choices if c[0] in allowed]

    def original(self):
        """The story as stored before this edit (before a history restore, too)."""
        return getattr(self.request, "_desk_original", None) or self.instance

    def clean(self):
        cleaned = super().clean()
        if self.request is None:
            return cleaned
        if "_publish" in self.request.POST:
            if not can(self.request, "publish_article"):
                raise PermissionDenied("You may not publish stories.")
            cleaned["status"] = Status.PUBLISHED
        elif "_draft" in self.request.POST:
            cleaned["status"] = Status.DRAFT
        self.check_workflow(cleaned)
        self.check_stale(cleaned)
        return cleaned

    def check_workflow(self, cleaned):
        """Server-side role rules: what the form cannot offer, it also refuses."""
        original = self.original()
        old = original.status if original.pk else Status.DRAFT
        new = cleaned.get("status", old)
        if new != old:
            if old == Status.WITHDRAWN and not can(self.request, "restore_article"):
                raise PermissionDenied("Only a Desk chief can restore a withdrawn story.")
            if new == Status.WITHDRAWN and not can(self.request, "withdraw_article"):
                raise PermissionDenied("You may not withdraw stories.")
            if Status.PUBLISHED in (old, new) and not can(self.request, "publish_article"):
                raise PermissionDenied("You may not publish or unpublish stories.")
        if cleaned.get("is_update") and not can(self.request, "correct_article"):
            raise PermissionDenied("You may not mark updates.")
        was, now = original.embargo_until, timezone.now()
        if original.pk and was and was > now:
            new_embargo = cleaned.get("embargo_until")
            if new_embargo is None or new_embargo < was:
                if not can(self.request, "lift_embargo"):
                    self.add_error("embargo_until", "Only a Desk chief can lift an embargo early.")
                else:
                    self.embargo_lifted = was

    def check_stale(self, cleaned):
        token = cleaned.get("seen_modified_at")
        if not (self.instance.pk and token):
            return
        current = Article.objects.select_for_update().filter(pk=self.instance.pk).first()
        if current is None or current.modified_at.isoformat() == token:
            return
        try:
            seen = datetime.fromisoformat(token)
        except ValueError:
            seen = None
        base = history.version_matching(current, seen) if seen else None
        before = base.field_dict if base else self.yours(cleaned)
        latest = history.versions_of(current).last()
        self.stale = {
            "by": latest.revision.user if latest else None,
            "at": current.modified_at,
            "theirs": bool(base),
            "changes": history.diff_fields(before, history.live_fields(current)),
        }
        # Keep the editor's text; the next save goes against what is stored now.
        self.data = self.data.copy()
        self.data[self.add_prefix("seen_modified_at")] = current.modified_at.isoformat()
        who = latest.revision.user if latest and latest.revision.user else "someone else"
        raise forms.ValidationError(
            f"Not saved: {who} saved this story at {timezone.localtime(current.modified_at):%H:%M:%S} "
            "after you opened it. Your text is still in the form below. Check their changes "
            "(listed above), merge them into yours, then save again.",
            code="stale",
        )

    def yours(self, cleaned):
        """The editor's values, shaped like history.live_fields(), for the fallback diff."""
        yours = {name: cleaned.get(name, getattr(self.instance, name)) for name in history.DIFF_FIELDS}
        yours["source_id"] = cleaned["source"].pk if cleaned.get("source") else self.instance.source_id
        return yours


class CorrectionForm(forms.Form):
    kind = forms.ChoiceField(label="Type", choices=Correction.Kind.choices)
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        max_length=2000,
        help_text="Readers see this, dated, under the story.",
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        max_length=1000,
        help_text="Readers see this at the story's address instead of the story.",
    )


class FlashForm(forms.Form):
    headline = forms.CharField(max_length=300, widget=forms.TextInput(attrs={"size": 90, "autofocus": True}))
    source = forms.ModelChoiceField(queryset=Source.objects.all(), empty_label=None)
    dateline = forms.CharField(max_length=100, required=False)


class CorrectionInline(admin.TabularInline):
    """Corrections already shown to readers, read-only here; add them with "Add correction"."""

    model = Correction
    extra = 0
    fields = ["created_at", "kind", "text", "created_by"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
    form = ArticleForm
    list_display = ["thumbnail", "labelled_headline", "source", "status_display", "published_at", "tag_list"]
    list_display_links = ["labelled_headline"]
    list_select_related = ["source", "lead_image"]
    list_filter = ["status", "source", "kind", "precedence"]
    search_fields = ["headline", "slugline", "guid", "summary"]
    date_hierarchy = "published_at"
    list_per_page = 50
    autocomplete_fields = ["source", "lead_image"]
    inlines = [ArticleBylineInline, CorrectionInline, StoryPhotoInline]
    actions = ["publish_selected", "withdraw_selected", "restore_selected", "lift_embargo_selected"]
    readonly_fields = ["created_at", "modified_at", "share_preview"]
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    object_history_template = "admin/articles/article/object_history.html"
    history_latest_first = True
    fieldsets = [
        (
            "Story",
            {
                "fields": [
                    "seen_modified_at",
                    "headline",
                    ("kind", "precedence"),
                    "dateline",
                    "summary",
                    "body",
                    "source",
                    "tags",
                ]
            },
        ),
        ("Photo", {"fields": ["lead_image"]}),
        ("Publishing", {"fields": ["status", ("published_at", "embargo_until"), "updated_at", "withdrawn_reason"]}),
        ("Update", {"fields": ["is_update", "update_note"]}),
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
                    "share_preview",
                ],
            },
        ),
    ]

    class Media:
        js = ["js/admin-tag-suggest.js", "js/admin-shortcuts.js", "js/admin-presence.js"]

    # Who may do what. The role groups (migration 0003) hold these permissions.

    def has_publish_permission(self, request, obj=None):
        return can(request, "publish_article")

    def has_withdraw_permission(self, request, obj=None):
        return can(request, "withdraw_article")

    def has_restore_permission(self, request, obj=None):
        return can(request, "restore_article")

    def has_lift_embargo_permission(self, request, obj=None):
        return can(request, "lift_embargo")

    def has_correct_permission(self, request, obj=None):
        return can(request, "correct_article")

    def has_change_permission(self, request, obj=None):
        """Reporters edit drafts only; published and withdrawn stories are read-only to them."""
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or obj.status == Status.DRAFT or self.has_publish_permission(request)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"request": request})

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.status != Status.PUBLISHED or not self.has_correct_permission(request):
            fieldsets = [fs for fs in fieldsets if fs[0] != "Update"]
        return fieldsets

    def get_queryset(self, request):
        # taggit refuses a custom queryset in Prefetch("tags", ...), so the column sorts in Python.
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description="photo")
    def thumbnail(self, obj):
        photo = obj.lead_image
        if not photo or not photo.file:
            return ""
        small = photo.rendition("1x1", 160)
        return format_html(
            '<img src="{}" width="60" height="60" alt="" loading="lazy" style="object-fit:cover">', photo.url(small)
        )

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

    @admin.display(description="shareable preview link")
    def share_preview(self, obj):
        if not obj.pk or obj.status == Status.WITHDRAWN:
            return "—"
        hours = settings.PREVIEW_LINK_MAX_AGE // 3600
        return format_html(
            '<a href="{0}" data-share-preview>{0}</a><br>Works for {1} hours without a login; '
            "shows nothing while the story is under embargo.",
            self.request_absolute(preview_link(obj)),
            hours,
        )

    def request_absolute(self, url):
        request = getattr(self, "_request", None)
        return request.build_absolute_uri(url) if request else url

    # Saving

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get("is_update"):
            obj.version += 1
            obj.updated_at = timezone.now()
            request._desk_notes.append(f"Update moved (version {obj.version}).")
        if form.embargo_lifted:
            request._desk_notes.append(
                f"Embargo lifted early by {request.user.get_username()} "
                f"(was until {timezone.localtime(form.embargo_lifted):%Y-%m-%d %H:%M %Z})."
            )
        super().save_model(request, obj, form, change)

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        notes = getattr(request, "_desk_notes", [])
        for note in notes:
            admin.ModelAdmin.log_change(self, request, obj, note)
        if notes and reversion.is_active():
            reversion.set_comment(" ".join([entry.get_change_message(), *notes]).strip())
        return entry

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        request._desk_notes = []
        self._request = request
        obj = self.get_object(request, object_id) if object_id else None
        context = {
            "can_publish": self.has_publish_permission(request),
            "can_correct": self.has_correct_permission(request),
            "can_withdraw": self.has_withdraw_permission(request),
            "can_restore": self.has_restore_permission(request),
            "can_lift_embargo": self.has_lift_embargo_permission(request),
            "is_draft": obj is None or obj.status == Status.DRAFT,
            "is_embargoed": bool(obj and obj.embargo_until and obj.embargo_until > timezone.now()),
            "presence_url": reverse("admin:articles_article_presence", args=[obj.pk]) if obj else "",
        }
        return super().changeform_view(request, object_id, form_url, context | (extra_context or {}))

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restoring an old revision saves a new one; the role rules apply to the
        story as it is now (a Reporter cannot unpublish it this way)."""
        current = get_object_or_404(Article, pk=object_id)
        if not self.has_change_permission(request, current):
            raise PermissionDenied
        request._desk_original = current
        return super().revision_view(request, object_id, version_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        """Reversion's list of saves, newest first, with version ids for comparing."""
        versions = history.versions_of(get_object_or_404(Article, pk=object_id)).reverse()
        action_list = [
            {
                "version": version,
                "revision": version.revision,
                "url": reverse("admin:articles_article_revision", args=[object_id, version.pk]),
            }
            for version in versions
        ]
        return super().history_view(request, object_id, {"action_list": action_list} | (extra_context or {}))

    def recoverlist_view(self, request, extra_context=None):
        """Bringing back deleted stories is for those who may delete them (Desk chiefs)."""
        if not self.has_delete_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_delete_permission(request):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    # Changelist actions, each shown only to roles that may use it.

    def changelist_view(self, request, extra_context=None):
        action = request.POST.get("action") if request.method == "POST" else None
        if action and action in self.actions and action not in self.get_actions(request):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)

    @admin.action(description="Publish selected stories", permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = services.publish(queryset, user=request.user)
        skipped = queryset.count() - count
        self.message_user(request, f"Published {count} {'story' if count == 1 else 'stories'}.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request, f"{skipped} already published or withdrawn: left as they were.", messages.WARNING
            )

    @admin.action(description="Withdraw selected stories (kill)…", permissions=["withdraw"])
    def withdraw_selected(self, request, queryset):
        """Asks for the reason readers will see, then withdraws."""
        form = WithdrawForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            count = services.withdraw(queryset, reason=form.cleaned_data["reason"], user=request.user)
            self.message_user(
                request,
                f"Withdrew {count} {'story' if count == 1 else 'stories'}. "
                "Their addresses now show the withdrawal notice.",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Withdraw stories",
            "form": form,
            "articles": queryset,
            "action": "withdraw_selected",
            "submit_label": "Withdraw",
        }
        return TemplateResponse(request, "admin/articles/article/desk_form.html", context)

    @admin.action(description="Restore selected withdrawn stories", permissions=["restore"])
    def restore_selected(self, request, queryset):
        count = services.restore(queryset, user=request.user)
        self.message_user(request, f"Restored {count} {'story' if count == 1 else 'stories'}.", messages.SUCCESS)

    @admin.action(description="Lift embargo now on selected stories", permissions=["lift_embargo"])
    def lift_embargo_selected(self, request, queryset):
        count = 0
        for article in queryset.filter(embargo_until__gt=timezone.now()):
            was = services.lift_embargo(article, user=request.user)
            self.log_embargo_lift(request, article, was)
            count += 1
        self.message_user(request, f"Lifted the embargo on {count} {'story' if count == 1 else 'stories'}.")

    def log_embargo_lift(self, request, article, was):
        admin.ModelAdmin.log_change(
            self,
            request,
            article,
            f"Embargo lifted early by {request.user.get_username()} "
            f"(was until {timezone.localtime(was):%Y-%m-%d %H:%M %Z}).",
        )

    # Desk views: one story at a time, from the buttons on its change form.

    def get_urls(self):
        mine = [
            path("flash/", self.admin_site.admin_view(self.flash_view), name="articles_article_flash"),
            path(
                "<path:object_id>/correct/",
                self.admin_site.admin_view(self.correct_view),
                name="articles_article_correct",
            ),
            path(
                "<path:object_id>/withdraw/",
                self.admin_site.admin_view(self.withdraw_view),
                name="articles_article_withdraw",
            ),
            path(
                "<path:object_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="articles_article_restore",
            ),
            path(
                "<path:object_id>/lift-embargo/",
                self.admin_site.admin_view(self.lift_embargo_view),
                name="articles_article_lift_embargo",
            ),
            path(
                "<path:object_id>/presence/",
                self.admin_site.admin_view(self.presence_view),
                name="articles_article_presence",
            ),
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="articles_article_compare",
            ),
        ]
        suggest = self.admin_site.admin_view(self.tag_suggestions)
        return [
            path("tag-suggestions/", suggest, name="articles_article_tag_suggestions"),
            *mine,
            *super().get_urls(),
        ]

    def _desk_form(self, request, article, form, title, submit_label):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": title,
            "form": form,
            "submit_label": submit_label,
        }
        return TemplateResponse(request, "admin/articles/article/desk_form.html", context)

    def _back_to(self, article):
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def correct_view(self, request, object_id):
        if not self.has_correct_permission(request):
            raise PermissionDenied
        article = get_object_or_404(Article, pk=object_id)
        form = CorrectionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            services.correct(article, form.cleaned_data["text"], form.cleaned_data["kind"], user=request.user)
            admin.ModelAdmin.log_change(self, request, article, f"Added a {form.cleaned_data['kind']}.")
            self.message_user(request, "Added. Readers see it under the story now.", messages.SUCCESS)
            return self._back_to(article)
        return self._desk_form(request, article, form, f"Correct “{article.headline}”", "Add for readers")

    def withdraw_view(self, request, object_id):
        if not self.has_withdraw_permission(request):
            raise PermissionDenied
        article = get_object_or_404(Article, pk=object_id)
        form = WithdrawForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            services.withdraw(Article.objects.filter(pk=article.pk), form.cleaned_data["reason"], user=request.user)
            admin.ModelAdmin.log_change(self, request, article, f"Withdrawn: {form.cleaned_data['reason']}")
            self.message_user(request, "Withdrawn. Its address now shows the withdrawal notice.", messages.SUCCESS)
            return self._back_to(article)
        return self._desk_form(request, article, form, f"Withdraw “{article.headline}”", "Withdraw")

    def restore_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_restore_permission(request):
            raise PermissionDenied
        article = get_object_or_404(Article, pk=object_id)
        if services.restore(Article.objects.filter(pk=article.pk), user=request.user):
            admin.ModelAdmin.log_change(self, request, article, "Restored after withdrawal.")
            self.message_user(request, "Restored: readers can see the story again.", messages.SUCCESS)
        return self._back_to(article)

    def lift_embargo_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_lift_embargo_permission(request):
            raise PermissionDenied
        article = get_object_or_404(Article, pk=object_id)
        if article.embargo_until and article.embargo_until > timezone.now():
            was = services.lift_embargo(article, user=request.user)
            self.log_embargo_lift(request, article, was)
            self.message_user(request, "Embargo lifted: readers can see the story now.", messages.SUCCESS)
        return self._back_to(article)

    def flash_view(self, request):
        """Quick entry for a Flash: a headline, published at once, top of the ticker."""
        if not self.has_publish_permission(request) or not self.has_add_permission(request):
            raise PermissionDenied
        form = FlashForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            article = services.flash(**form.cleaned_data, user=request.user)
            self.log_addition(request, article, "Flash moved.")
            self.message_user(request, "Flash published: it leads the ticker now.", messages.SUCCESS)
            return self._back_to(article)
        return self._desk_form(request, None, form, "Move a Flash", "Publish Flash")

    @rate_limit("presence", per="user", reader=False)
    def presence_view(self, request, object_id):
        """Who else has this story's change form open: each open form pings every
        20 seconds; an entry older than PRESENCE_TIMEOUT is gone. Kept in the
        shared cache, so it works across app servers with Redis."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = get_object_or_404(Article.objects.only("pk"), pk=object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        key, now = f"presence:article:{article.pk}", timezone.now().timestamp()
        present = {
            uid: entry for uid, entry in cache.get(key, {}).items() if now - entry[1] < settings.PRESENCE_TIMEOUT
        }
        if request.POST.get("leave"):
            present.pop(request.user.pk, None)
        else:
            present[request.user.pk] = (request.user.get_full_name() or request.user.get_username(), now)
        cache.set(key, present, settings.PRESENCE_TIMEOUT)
        others = sorted(name for uid, (name, _) in present.items() if uid != request.user.pk)
        return JsonResponse({"others": others})

    def compare_view(self, request, object_id):
        """Field by field, what changed between two saved versions."""
        article = get_object_or_404(Article, pk=object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = Version.objects.get_for_object(article).select_related("revision__user")
        older = get_object_or_404(versions, pk=request.GET.get("from", "0") or "0")
        newer = get_object_or_404(versions, pk=request.GET.get("to", "0") or "0")
        if older.pk > newer.pk:
            older, newer = newer, older
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": article,
            "title": f"Changes to “{article.headline}”",
            "older": older,
            "newer": newer,
            "changes": history.diff_fields(older.field_dict, newer.field_dict),
            "restore_url": reverse("admin:articles_article_revision", args=[article.pk, older.pk]),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    @rate_limit("tag-suggestions", per="user", reader=False)
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
