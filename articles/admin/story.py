"""The story admin: list, form and list actions. Every save and every action is
one move of articles.workflow; nothing here writes state or timing itself.
Per-request facts travel in arguments and the template context, never on this
shared ModelAdmin."""

import functools

from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.postgres.search import SearchQuery
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from reversion.admin import VersionAdmin

from photos.admin import StoryPhotoInline

from .. import history, search, workflow
from ..models import Article, ArticleByline, Correction, Status
from . import desk_views, filters, previews
from .forms import ArticleForm, WithdrawForm


class NamedEmptyChoice:
    """An autocomplete select's empty choice reads "(none)": an empty <option> is an HTML error."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        inner = getattr(field.widget, "widget", field.widget) if field is not None else None
        if isinstance(inner, AutocompleteSelect):
            inner.option_template_name = (
                "articles/forms/autocomplete_option.html"  # the form renderer reads app templates
            )
        return field


class ArticleBylineInline(NamedEmptyChoice, admin.TabularInline):
    model = ArticleByline
    extra = 1
    autocomplete_fields = ["byline"]
    fields = ["byline", "position"]
    verbose_name = "byline"
    verbose_name_plural = "bylines (in the order readers see them)"


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


def can(request, codename):
    """Whether the signed-in user holds one of the desk's article permissions."""
    return request.user.has_perm(f"articles.{codename}")


def plural(count):
    return "story" if count == 1 else "stories"


@admin.register(Article)
class ArticleAdmin(NamedEmptyChoice, VersionAdmin):
    form = ArticleForm
    list_display = ["thumbnail", "labelled_headline", "source_credit", "state_badge", "published", "tag_list"]
    list_display_links = ["labelled_headline"]
    list_select_related = ["source", "lead_image", "wire_update"]
    list_filter = [
        "status",
        filters.TimingFilter,
        filters.MineFilter,
        filters.PublishedRangeFilter,
        filters.TagFilter,
        filters.BylineFilter,
        "source",
        "kind",
        "precedence",
    ]
    search_fields = ["headline", "slugline", "guid", "summary"]  # and the body: get_search_results
    date_hierarchy = "published_at"
    list_per_page = 50
    autocomplete_fields = ["source", "lead_image"]
    inlines = [ArticleBylineInline, CorrectionInline, StoryPhotoInline]
    actions = [
        "submit_selected",
        "publish_selected",
        "withdraw_selected",
        "restore_selected",
        "lift_embargo_selected",
    ]
    readonly_fields = ["version", "created_at", "modified_at", "created_by"]  # the workflow sets the version
    change_form_template = "admin/articles/article/change_form.html"
    change_list_template = "admin/articles/article/change_list.html"
    object_history_template = "admin/articles/article/object_history.html"
    revision_form_template = "admin/articles/article/revision_form.html"
    history_latest_first = True
    fieldsets = [
        (
            "Story",
            {
                "fields": [  # seen_modified_at and stale_fields: hidden, in change_form.html's form_top
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
        (
            "Publishing",
            {
                "fields": [
                    "status",
                    "return_note",
                    ("published_at", "embargo_until"),
                    "updated_at",
                    "withdrawn_reason",
                ]
            },
        ),
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
                    ("created_by", "created_at", "modified_at"),
                ],
            },
        ),
    ]

    class Media:
        js = [
            "js/admin-tag-suggest.js",
            "js/admin-shortcuts.js",
            "js/admin-presence.js",
            "js/admin-keep-text.js",
            "js/admin-writing.js",
        ]

    # Who may do what: the rules are articles.workflow's; these only show or hide.

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

    def has_submit_permission(self, request, obj=None):
        return can(request, "change_article")

    def has_change_permission(self, request, obj=None):
        """A Reporter edits only their own stories while draft or returned; the desk edits all."""
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or workflow.may_edit(request.user, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # A class made for this request: the shared ArticleForm keeps no user.
        before = getattr(request, "desk_before_restore", None)
        return type(form.__name__, (form,), {"user": request.user, "before_restore": before})

    def get_fieldsets(self, request, obj=None):
        """Only the fields that apply to the story's state: the update box on a
        published story, the withdrawal reason and "updated" time once a story is
        out (withdrawing is a move of published stories), the return note while the
        desk holds the story or after it came back with one."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.status != Status.PUBLISHED or not self.has_correct_permission(request):
            fieldsets = [fs for fs in fieldsets if fs[0] != "Update"]
        status = obj.status if obj is not None else Status.DRAFT
        hidden = set()
        if status not in (Status.PUBLISHED, Status.WITHDRAWN):
            hidden |= {"withdrawn_reason", "updated_at"}
        if status != Status.SUBMITTED and not (obj is not None and obj.return_note):
            hidden.add("return_note")
        return [(name, {**options, "fields": _without(options["fields"], hidden)}) for name, options in fieldsets]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields.append("return_note")  # the desk writes it; the reporter reads it
        return fields

    def get_queryset(self, request):
        # taggit refuses a custom queryset in Prefetch("tags", ...), so the column sorts in Python.
        return super().get_queryset(request).prefetch_related("tags")

    thumbnail = previews.thumbnail
    labelled_headline = previews.labelled_headline
    state_badge = previews.state_badge
    published = previews.published
    source_credit = previews.source_credit
    tag_list = previews.tag_list

    def get_search_results(self, request, queryset, search_term):
        """The fields above, and the body: the site's full-text search on PostgreSQL,
        every word in the body on SQLite."""
        results, duplicates = super().get_search_results(request, queryset, search_term)
        words = search.clean_query(search_term)[: search.MAX_QUERY_LENGTH]
        if not words:
            return results, duplicates
        if search.uses_postgres():
            query = SearchQuery(words, config=search.CONFIG, search_type="websearch")
            in_body = queryset.alias(document=search.search_vector()).filter(document=query)
        else:
            in_body = queryset
            for word in words.split():
                in_body = in_body.filter(body__icontains=word)
        return queryset.filter(Q(pk__in=results.values("pk")) | Q(pk__in=in_body.values("pk"))), duplicates

    # Saving: one workflow move per save. The workflow writes the log entry and the
    # revision comment, so the admin's own log calls only name what it saved.

    def save_model(self, request, obj, form, change):
        name, kwargs = form.move
        if form.before_restore is not None:
            # Restoring an old revision restores its text; state and timing stay as they are now.
            kwargs = kwargs | {"state_from": form.before_restore} if name == "edit" else kwargs
        if not change:
            workflow.create(obj, user=request.user)
            if name == "edit":
                return
        getattr(workflow, name)(obj, user=request.user, **kwargs)

    def log_addition(self, request, obj, message):
        return None  # workflow.create() logged it

    def log_change(self, request, obj, message):
        return None  # the workflow move logged it

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and "_draft" in request.POST:
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"  # "Save draft" keeps the writer on the story
        obj = self.get_object(request, object_id) if object_id else None
        context = previews.change_form_context(self, request, obj) | {"is_nav_sidebar_enabled": False}
        context |= extra_context or {}
        try:
            return super().changeform_view(request, object_id, form_url, context)
        except workflow.Forbidden:
            raise
        except workflow.MoveRefused as refused:
            # The story changed between the form's check and the save (another editor).
            self.message_user(request, f"Not saved: {refused}", messages.ERROR)
            return HttpResponseRedirect(request.path)
        except (OperationalError, InterfaceError):  # the database is down, not a bad value
            if request.method != "POST":
                raise
            return TemplateResponse(
                request,
                "admin/articles/article/save_failed.html",
                {"posted": [(key, value) for key, value in request.POST.items() if key in FORM_TEXT]},
                status=503,
            )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["error_summary"] = previews.error_summary(context["adminform"].form, context["inline_admin_formsets"])
        return super().render_change_form(request, context, add, change, form_url, obj)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restoring an old revision saves a new one through the workflow; the role
        rules apply to the story as it is now (a Reporter cannot unpublish it this way)."""
        current = self.get_object(request, object_id)
        if current is None or not self.has_change_permission(request, current):
            raise PermissionDenied
        request.desk_before_restore = current  # this request's own object, read by this request's form
        return super().revision_view(request, object_id, version_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        """Reversion's list of saves, newest first, with version ids for comparing."""
        article = self.get_object(request, object_id)
        if article is None:
            raise PermissionDenied
        action_list = [
            {
                "version": version,
                "revision": version.revision,
                "url": reverse("admin:articles_article_revision", args=[object_id, version.pk]),
            }
            for version in history.versions_of(article).reverse()
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

    # List actions: each a workflow move per story. A story the user may not move
    # makes the whole action a 403; one in the wrong state is skipped and counted.

    def changelist_view(self, request, extra_context=None):
        action = request.POST.get("action") if request.method == "POST" else None
        if action and action in self.actions and action not in self.get_actions(request):
            raise PermissionDenied
        # The list needs the width at 1280 px: the app sidebar stays closed here (the header links home).
        return super().changelist_view(request, {"is_nav_sidebar_enabled": False} | (extra_context or {}))

    def _apply(self, request, queryset, move, done, **kwargs):
        articles = list(queryset)
        for article in articles:  # every story first, so a forbidden one stops the lot
            try:
                getattr(workflow, f"check_{move}")(request.user, article, **kwargs)
            except workflow.Forbidden:
                raise
            except workflow.MoveRefused:
                pass
        count, refused = 0, []
        for article in articles:
            try:
                getattr(workflow, move)(article, user=request.user, **kwargs)
                count += 1
            except workflow.MoveRefused as error:
                refused.append(f"“{article.headline}”: {error}")
        self.message_user(request, f"{done} {count} {plural(count)}.", messages.SUCCESS)
        if refused:
            self.message_user(request, f"{len(refused)} left as they were: " + " ".join(refused), messages.WARNING)

    @admin.action(description="Send selected stories to the desk", permissions=["submit"])
    def submit_selected(self, request, queryset):
        self._apply(request, queryset, "submit", "Sent to the desk:")

    @admin.action(description="Publish selected stories", permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._apply(request, queryset, "publish", "Published")

    @admin.action(description="Withdraw selected stories (kill)…", permissions=["withdraw"])
    def withdraw_selected(self, request, queryset):
        """Asks for the reason readers will see, then withdraws."""
        form = WithdrawForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            self._apply(request, queryset, "withdraw", "Withdrew", reason=form.cleaned_data["reason"])
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
        self._apply(request, queryset, "restore", "Restored")

    @admin.action(description="Lift embargo now on selected stories", permissions=["lift_embargo"])
    def lift_embargo_selected(self, request, queryset):
        now = timezone.now()
        self._apply(request, queryset.filter(embargo_until__gt=now), "lift_embargo", "Lifted the embargo on", now=now)

    # Desk views: one story at a time, from the buttons on its change form.

    def get_urls(self):
        def view(function):
            return self.admin_site.admin_view(functools.partial(function, model_admin=self))

        story = [
            ("correct", desk_views.correct_view),
            ("withdraw", desk_views.withdraw_view),
            ("restore", desk_views.restore_view),
            ("lift-embargo", desk_views.lift_embargo_view),
            ("submit", desk_views.submit_view),
            ("return", desk_views.return_view),
            ("publish", desk_views.publish_view),
            ("wire-update", desk_views.wire_update_view),
            ("presence", desk_views.presence_view),
            ("history/compare", desk_views.compare_view),
        ]
        names = {"lift-embargo": "lift_embargo", "wire-update": "wire_update", "history/compare": "compare"}
        mine = [
            path(f"<path:object_id>/{slug}/", view(function), name=f"articles_article_{names.get(slug, slug)}")
            for slug, function in story
        ]
        return [
            path("tag-suggestions/", view(desk_views.tag_suggestions), name="articles_article_tag_suggestions"),
            path("flash/", view(desk_views.flash_view), name="articles_article_flash"),
            path("form-preview/", view(desk_views.form_preview_view), name="articles_article_form_preview"),
            *mine,
            *super().get_urls(),
        ]


# What a failed save shows back to the editor, so no typed text is lost.
FORM_TEXT = ["headline", "dateline", "summary", "body", "update_note", "withdrawn_reason", "editors_note"]


def _without(fields, hidden):
    """A fieldset's fields (names, or tuples of names on one line) less `hidden`."""
    kept = []
    for field in fields:
        if isinstance(field, (tuple, list)):
            line = tuple(name for name in field if name not in hidden)
            if line:
                kept.append(line if len(line) > 1 else line[0])
        elif field not in hidden:
            kept.append(field)
    return kept
