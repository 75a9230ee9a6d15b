"""The desk's one-story views behind the buttons on the story form, and the small
JSON views the form uses. Each takes the ArticleAdmin, the request and the
story's id; each move is a call to articles.workflow, whose `Forbidden` answers
403 and whose `MoveRefused` becomes a message."""

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from reversion.models import Version
from taggit.models import Tag

from security.ratelimit import rate_limit

from .. import history, workflow
from ..models import Article, Kind, Precedence, WireUpdate
from ..sanitize import clean_html
from .forms import CorrectionForm, FlashForm, PreviewForm, ReturnForm, WireUpdateForm, WithdrawForm


def desk_form(model_admin, request, article, form, title, submit_label, **extra):
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "original": article,
        "title": title,
        "form": form,
        "submit_label": submit_label,
        **extra,
    }
    return TemplateResponse(request, "admin/articles/article/desk_form.html", context)


def back_to(article):
    return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))


def _make(model_admin, request, article, move, done, **kwargs):
    """Make a move from a button; a refusal becomes an error message on the story."""
    try:
        getattr(workflow, move)(article, user=request.user, **kwargs)
    except workflow.Forbidden:
        raise
    except workflow.MoveRefused as refused:
        model_admin.message_user(request, f"Not done: {refused}", messages.ERROR)
        return back_to(article)
    model_admin.message_user(request, done, messages.SUCCESS)
    return back_to(article)


def _story(object_id):
    return get_object_or_404(Article, pk=object_id)


def correct_view(request, object_id, *, model_admin):
    if not model_admin.has_correct_permission(request):
        raise PermissionDenied
    article = _story(object_id)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        text, kind = form.cleaned_data["text"], form.cleaned_data["kind"]
        return _make(
            model_admin, request, article, "correct", "Added. Readers see it under the story now.", text=text, kind=kind
        )
    return desk_form(model_admin, request, article, form, f"Correct “{article.headline}”", "Add for readers")


def withdraw_view(request, object_id, *, model_admin):
    if not model_admin.has_withdraw_permission(request):
        raise PermissionDenied
    article = _story(object_id)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = "Withdrawn. Its address now shows the withdrawal notice."
        return _make(model_admin, request, article, "withdraw", done, reason=form.cleaned_data["reason"])
    return desk_form(model_admin, request, article, form, f"Withdraw “{article.headline}”", "Withdraw")


def return_view(request, object_id, *, model_admin):
    if not model_admin.has_publish_permission(request):
        raise PermissionDenied
    article = _story(object_id)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = "Returned to the reporter with your note."
        return _make(model_admin, request, article, "return_to_reporter", done, note=form.cleaned_data["note"])
    return desk_form(model_admin, request, article, form, f"Return “{article.headline}” to its reporter", "Return")


def _post_only(request):
    return None if request.method == "POST" else HttpResponseNotAllowed(["POST"])


def restore_view(request, object_id, *, model_admin):
    if refused := _post_only(request):
        return refused
    if not model_admin.has_restore_permission(request):
        raise PermissionDenied
    return _make(model_admin, request, _story(object_id), "restore", "Restored: readers can see the story again.")


def lift_embargo_view(request, object_id, *, model_admin):
    if refused := _post_only(request):
        return refused
    if not model_admin.has_lift_embargo_permission(request):
        raise PermissionDenied
    return _make(
        model_admin, request, _story(object_id), "lift_embargo", "Embargo lifted: readers can see the story now."
    )


def submit_view(request, object_id, *, model_admin):
    if refused := _post_only(request):
        return refused
    return _make(model_admin, request, _story(object_id), "submit", "Sent to the desk: it is ready for desk now.")


def publish_view(request, object_id, *, model_admin):
    if refused := _post_only(request):
        return refused
    if not model_admin.has_publish_permission(request):
        raise PermissionDenied
    article = _story(object_id)
    return _make(model_admin, request, article, "publish", "Published.")


def flash_view(request, *, model_admin):
    """Quick entry for a Flash: a headline, published at once, top of the ticker."""
    if not model_admin.has_publish_permission(request) or not model_admin.has_add_permission(request):
        raise PermissionDenied
    form = FlashForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        article = workflow.flash(**form.cleaned_data, user=request.user)
        model_admin.message_user(request, "Flash published: it leads the ticker now.", messages.SUCCESS)
        return back_to(article)
    return desk_form(model_admin, request, None, form, "Move a Flash", "Publish Flash")


def wire_update_view(request, object_id, *, model_admin):
    """The wire version waiting for a story the desk had edited: its field-by-field
    diff, and take, merge (chosen fields) or dismiss."""
    if not model_admin.has_correct_permission(request):
        raise PermissionDenied
    article = _story(object_id)
    pending = WireUpdate.objects.filter(article=article).first()
    if pending is None:
        model_admin.message_user(request, "No wire update is waiting for this story.", messages.INFO)
        return back_to(article)
    live = history.live_fields(article)
    names = [
        name
        for name in workflow.WIRE_FIELDS
        if name in pending.fields and str(pending.fields[name] or "") != str(live.get(name) or "")
    ]
    form = WireUpdateForm(request.POST or None, names=names)
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["choice"]
        if choice == "dismiss":
            return _make(model_admin, request, article, "dismiss_wire_update", "Dismissed: the desk's text stays.")
        if choice == "merge":
            fields = form.cleaned_data["fields"]
            return _make(
                model_admin, request, article, "merge_wire_update", "Merged the fields you ticked.", fields=fields
            )
        return _make(model_admin, request, article, "take_wire_update", "Took the wire version.")
    changes = workflow.wire_update_changes(article)
    title = f"Wire update waiting for “{article.headline}” (version {pending.version})"
    return desk_form(model_admin, request, article, form, title, "Apply", changes=changes)


@never_cache
@rate_limit("preview", per="user", reader=False)
def form_preview_view(request, *, model_admin):
    """The story form's current contents as readers would see them, before or
    after the first save: built from the POST, never stored, never cached."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
        raise PermissionDenied
    form = PreviewForm(request.POST)
    form.is_valid()  # a half-written story previews what it has; nothing here is saved
    data = form.cleaned_data
    article = Article(**{name: data.get(name) or "" for name in ("headline", "dateline", "summary")})
    article.kind = data.get("kind") or Kind.NEWS
    article.precedence = data.get("precedence") or Precedence.ROUTINE
    article.source = data.get("source")
    body = mark_safe(clean_html(data.get("body") or ""))  # noqa: S308 -- cleaned by nh3 on the line itself
    context = {"article": article, "body": body, "now": timezone.now(), "preview": True}
    response = TemplateResponse(request, "admin/articles/article/form_preview.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@rate_limit("presence", per="user", reader=False)
def presence_view(request, object_id, *, model_admin):
    """Who else has this story's change form open: each open form pings every
    20 seconds; an entry older than PRESENCE_TIMEOUT is gone. Kept in the
    shared cache, so it works across app servers with Redis."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    article = get_object_or_404(Article.objects.only("pk"), pk=object_id)
    if not model_admin.has_view_or_change_permission(request, article):
        raise PermissionDenied
    key, now = f"presence:article:{article.pk}", timezone.now().timestamp()
    present = {uid: entry for uid, entry in cache.get(key, {}).items() if now - entry[1] < settings.PRESENCE_TIMEOUT}
    if request.POST.get("leave"):
        present.pop(request.user.pk, None)
    else:
        present[request.user.pk] = (request.user.get_full_name() or request.user.get_username(), now)
    cache.set(key, present, settings.PRESENCE_TIMEOUT)
    others = sorted(name for uid, (name, _) in present.items() if uid != request.user.pk)
    return JsonResponse({"others": others})


def compare_view(request, object_id, *, model_admin):
    """Field by field, what changed between two saved versions."""
    article = _story(object_id)
    if not model_admin.has_view_or_change_permission(request, article):
        raise PermissionDenied
    versions = Version.objects.get_for_object(article).select_related("revision__user")
    older = get_object_or_404(versions, pk=request.GET.get("from", "0") or "0")
    newer = get_object_or_404(versions, pk=request.GET.get("to", "0") or "0")
    if older.pk > newer.pk:
        older, newer = newer, older
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "original": article,
        "title": f"Changes to “{article.headline}”",
        "older": older,
        "newer": newer,
        "changes": history.diff_fields(older.field_dict, newer.field_dict),
        "restore_url": reverse("admin:articles_article_revision", args=[article.pk, older.pk]),
    }
    return TemplateResponse(request, "admin/articles/article/compare.html", context)


@rate_limit("tag-suggestions", per="user", reader=False)
def tag_suggestions(request, *, model_admin):
    """Existing tags starting with what the editor typed, for the tag field's autocomplete."""
    term = request.GET.get("q", "").strip()[:50]
    names = Tag.objects.filter(name__istartswith=term).order_by("name").values_list("name", flat=True)[:15]
    return JsonResponse({"tags": list(names) if term else []})
