"""/admin/desk/: the monitoring page, the desk staff's landing page.

Six queues side by side, each one bounded query (`queues`): incoming wire,
ready for desk, scheduled, embargoed, live now, withdrawn today. Each item
shows its badge, times, source and the one-click moves the user may make;
the moves POST to `move_view`, which calls articles.workflow (a forbidden move
is a 403). `queues_json` answers the page's poller (static/js/admin-desk-monitor.js)
with the rendered columns, an ETag and 304 when nothing changed."""

import hashlib
import json
from datetime import timedelta

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control

from .. import workflow
from ..models import Article, Precedence, Status

PER_COLUMN = 25
INCOMING_HOURS = 6
SCHEDULED_HOURS = 24
POLL_SECONDS = 15

# The one-click moves the page offers: slug -> (workflow function, button text, done message).
MOVES = {
    "submit": ("submit", "Send to desk", "Sent to the desk."),
    "publish": ("publish", "Publish", "Published."),
    "restore": ("restore", "Restore", "Restored: readers can see it again."),
    "lift-embargo": ("lift_embargo", "Lift embargo", "Embargo lifted: readers can see it now."),
}

FLASH_FIRST = Case(
    When(precedence=Precedence.FLASH, then=Value(0)),
    When(precedence=Precedence.URGENT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)

COLUMNS = [
    ("incoming", "Incoming wire", f"Moved by the agencies in the last {INCOMING_HOURS} hours, Flash and Urgent first."),
    ("ready", "Ready for desk", "Sent by reporters, waiting for an editor."),
    ("scheduled", "Scheduled", f"Published for readers within the next {SCHEDULED_HOURS} hours."),
    ("embargoed", "Embargoed", "Published, hidden from readers until the embargo ends."),
    ("live", "Live now", "What readers see, newest first."),
    ("withdrawn", "Withdrawn today", "Killed since midnight."),
]


def _base():
    fields = [
        "id",
        "headline",
        "kind",
        "precedence",
        "status",
        "published_at",
        "embargo_until",
        "updated_at",
        "return_note",
        "created_at",
        "modified_at",
        "created_by_id",
        "source__credit",
    ]
    return Article.objects.select_related("source").only(*fields)


def queues(now):
    """Each column's stories: one query per column, at most PER_COLUMN each."""
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    published = _base().filter(status=Status.PUBLISHED)
    sets = {
        "incoming": _base()
        .filter(created_by__isnull=True, created_at__gte=now - timedelta(hours=INCOMING_HOURS))
        .exclude(status=Status.WITHDRAWN)
        .order_by(FLASH_FIRST, "-created_at", "-id"),
        "ready": _base().filter(status=Status.SUBMITTED).order_by("-modified_at", "-id"),
        "scheduled": published.filter(
            published_at__gt=now, published_at__lte=now + timedelta(hours=SCHEDULED_HOURS)
        ).order_by("published_at", "id"),
        "embargoed": published.filter(embargo_until__gt=now).order_by("embargo_until", "id"),
        "live": published.filter(published_at__lte=now).exclude(embargo_until__gt=now).order_by("-published_at", "-id"),
        "withdrawn": _base().filter(status=Status.WITHDRAWN, modified_at__gte=today).order_by("-modified_at", "-id"),
    }
    return {key: list(queryset[:PER_COLUMN]) for key, queryset in sets.items()}


def item_moves(user, article, now):
    """The one-click moves this user may make on this story now (slug, text)."""
    status = article.status
    offered = []
    if status == Status.DRAFT and workflow.may_edit(user, article):
        offered.append("submit")
    if status in (Status.DRAFT, Status.SUBMITTED) and workflow.is_desk(user):
        offered.append("publish")
    if status == Status.WITHDRAWN and user.has_perm("articles.restore_article"):
        offered.append("restore")
    if article.embargo_until and article.embargo_until > now and user.has_perm("articles.lift_embargo"):
        offered.append("lift-embargo")
    return [(slug, MOVES[slug][1]) for slug in offered]


def _columns(user, now):
    found = queues(now)
    columns = []
    for key, title, help_text in COLUMNS:
        items = []
        for article in found[key]:
            css, text = workflow.badge(article, now)
            items.append(
                {
                    "article": article,
                    "badge_css": css,
                    "badge": text,
                    "hot": article.precedence in (Precedence.FLASH, Precedence.URGENT),
                    "moves": item_moves(user, article, now),
                }
            )
        columns.append(
            {"key": key, "title": title, "help": help_text, "items": items, "full": len(items) == PER_COLUMN}
        )
    return columns


def _etag(user, columns):
    """What the page shows, without rendering it: items, their versions and the user's moves."""
    seen = [
        (
            column["key"],
            [(i["article"].pk, i["article"].modified_at.isoformat(), i["badge"], i["moves"]) for i in column["items"]],
        )
        for column in columns
    ]
    digest = hashlib.sha256(json.dumps([user.pk, seen]).encode()).hexdigest()[:32]
    return f'W/"{digest}"'


def _check(request):
    if not request.user.has_perm("articles.view_article"):
        raise PermissionDenied


def desk_view(request):
    _check(request)
    now = timezone.now()
    columns = _columns(request.user, now)
    context = {
        **admin.site.each_context(request),
        "title": "Desk",
        "is_nav_sidebar_enabled": False,  # six columns need the width
        "columns": columns,
        "etag": _etag(request.user, columns),
        "now": now,
        "poll_seconds": POLL_SECONDS,
        "json_url": reverse("admin_desk_json"),
    }
    response = TemplateResponse(request, "admin/desk/monitor.html", context)
    patch_cache_control(response, private=True, no_cache=True)
    return response


def queues_json(request):
    """The columns as rendered HTML, for the poller; 304 when its ETag still matches."""
    _check(request)
    now = timezone.now()
    columns = _columns(request.user, now)
    etag = _etag(request.user, columns)
    unchanged = get_conditional_response(request, etag=etag)
    if unchanged is not None:
        return unchanged
    rendered = {
        column["key"]: render_to_string("admin/desk/column_items.html", {"column": column, "now": now}, request)
        for column in columns
    }
    counts = {column["key"]: len(column["items"]) for column in columns}
    response = JsonResponse({"columns": rendered, "counts": counts, "at": now.isoformat()})
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    return response


def move_view(request, object_id, move):
    """One click on the desk page: the workflow move, then back to the desk."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    _check(request)
    if move not in MOVES:
        raise PermissionDenied
    function, _, done = MOVES[move]
    article = get_object_or_404(Article, pk=object_id)
    try:
        getattr(workflow, function)(article, user=request.user)
    except workflow.Forbidden:
        raise
    except workflow.MoveRefused as refused:
        messages.error(request, f"Not done: “{article.headline}”: {refused}")
    else:
        messages.success(request, f"“{article.headline}”: {done}")
    return HttpResponseRedirect(reverse("admin_desk"))


def login_view(request, **kwargs):
    """The admin's login; Editors and Desk chiefs who asked for no page land on the desk."""
    response = admin.site.login(request, **kwargs)
    asked = request.POST.get("next") or request.GET.get("next") or ""
    if (
        request.method == "POST"
        and response.status_code == 302
        and request.user.is_authenticated
        and workflow.is_desk(request.user)
        and asked in ("", reverse("admin:index"))
    ):
        return HttpResponseRedirect(reverse("admin_desk"))
    return response


urlpatterns = [
    path("", admin.site.admin_view(desk_view), name="admin_desk"),
    path("queues.json", admin.site.admin_view(queues_json), name="admin_desk_json"),
    path("<int:object_id>/<slug:move>/", admin.site.admin_view(move_view), name="admin_desk_move"),
]
