"""What the desk sees of a story without editing it: list columns, the state
badge, the change form's context (buttons, shareable preview link)."""

from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from .. import workflow
from ..models import Status, WireUpdate
from ..views import preview_link


@admin.display(description="photo")
def thumbnail(model_admin, obj):
    photo = obj.lead_image
    if not photo or not photo.file:
        return ""
    small = photo.rendition("1x1", 160)
    return format_html(
        '<img src="{}" width="60" height="60" alt="" loading="lazy" class="desk-thumb">', photo.url(small)
    )


@admin.display(description="headline", ordering="headline")
def labelled_headline(model_admin, obj):
    return obj.labelled_headline


def badge_html(article, now=None):
    css, text = workflow.badge(article, now)
    waiting = ""
    try:
        if article.pk and article.wire_update:
            waiting = format_html(
                ' <span class="desk-badge desk-badge--wire" data-wire-waiting>{}</span>', "Wire update waiting"
            )
    except WireUpdate.DoesNotExist:
        pass
    return format_html('<span class="desk-badge desk-badge--{}" data-state="{}">{}</span>{}', css, css, text, waiting)


@admin.display(description="status", ordering="status")
def state_badge(model_admin, obj):
    return badge_html(obj)


@admin.display(description="publish time", ordering="published_at")
def published(model_admin, obj):
    """In the badge's format (workflow.DESK_TIME), so the list shows one date format."""
    if obj.published_at is None:
        return "–"
    return format_html(
        '<time datetime="{}">{}</time>',
        obj.published_at.replace(microsecond=0).isoformat(),
        workflow.desk_time(obj.published_at),
    )


@admin.display(description="source", ordering="source__position")
def source_credit(model_admin, obj):
    return obj.source.credit


@admin.display(description="tags")
def tag_list(model_admin, obj):
    return ", ".join(sorted(tag.name for tag in obj.tags.all()))


def primary_action(user, obj, now):
    """The story form's one primary button for this state and role: (button name, label),
    or None when the user may only save. "Save draft" / "Save" sits beside it."""
    status = obj.status if obj is not None else Status.DRAFT
    if status in (Status.DRAFT, Status.SUBMITTED):
        if workflow.is_desk(user):
            if obj is not None and obj.published_at and obj.published_at > now:
                return "_publish", f"Schedule for {timezone.localtime(obj.published_at):%H:%M}"
            return "_publish", "Publish"
        if status == Status.DRAFT and workflow.may_edit(user, obj):
            return "_submit", "Submit to desk"
        return None
    if status == Status.PUBLISHED and workflow.may_edit(user, obj):
        return "_continue", "Update"
    return None


def change_form_context(model_admin, request, obj):
    """The story form's buttons and notes, each only for the user who may use it."""
    now = timezone.now()
    user = request.user
    context = {
        "can_publish": model_admin.has_publish_permission(request),
        "can_correct": model_admin.has_correct_permission(request),
        "can_withdraw": model_admin.has_withdraw_permission(request),
        "can_restore": model_admin.has_restore_permission(request),
        "can_lift_embargo": model_admin.has_lift_embargo_permission(request),
        "can_submit": obj is not None and obj.status == Status.DRAFT and workflow.may_edit(user, obj),
        "is_draft": obj is None or obj.status in (Status.DRAFT, Status.SUBMITTED),
        "is_own_draft": obj is None or (obj.status == Status.DRAFT and workflow.may_edit(user, obj)),
        "is_embargoed": bool(obj and obj.embargo_until and obj.embargo_until > now),
        "presence_url": reverse("admin:articles_article_presence", args=[obj.pk]) if obj else "",
        "keep_text_key": f"newsdesk:text:{user.pk}:{obj.pk if obj else 'new'}",
        "primary_action": primary_action(user, obj, now),
        "new_badge": workflow.badge(obj, now) if obj is not None else ("draft", "New story: draft"),
        "form_preview_url": reverse("admin:articles_article_form_preview"),
    }
    if obj is not None:
        context["state_badge"] = badge_html(obj, now)
        context["wire_waiting"] = WireUpdate.objects.filter(article=obj).exists()
        if obj.status != Status.WITHDRAWN:
            context["share_preview_url"] = request.build_absolute_uri(preview_link(obj))
            context["share_preview_hours"] = settings.PREVIEW_LINK_MAX_AGE // 3600
    return context


def error_summary(form, inline_formsets):
    """Every error on the story form, its inlines included, as (link target, text)
    for the summary at the top of the form: each links to its field."""
    if not form.is_bound:
        return []
    found = [("article_form", str(error)) for error in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == "__all__" or name not in form.fields:
            continue
        label = form.fields[name].label or name.replace("_", " ")
        found += [
            (form[name].id_for_label or "article_form", f"{str(label).capitalize()}: {error}") for error in errors
        ]
    for inline in inline_formsets:
        formset = inline.formset
        title = str(inline.opts.verbose_name_plural).capitalize()
        group = f"{formset.prefix}-group"
        found += [(group, f"{title}: {error}") for error in formset.non_form_errors()]
        for position, errors in enumerate(formset.errors):
            for name, messages_ in errors.items():
                target = f"id_{formset.prefix}-{position}-{name}" if name != "__all__" else group
                found += [(target, f"{title}, row {position + 1}: {message}") for message in messages_]
    return found
