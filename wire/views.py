import base64
import binascii
from datetime import UTC, datetime

from django.conf import settings
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from articles.models import Article, Status
from subscribers.api import subscriber_required

from . import ninjs_out


def bad_request(message):
    return JsonResponse({"error": message}, status=400)


@subscriber_required
def ninjs_list(request, subscriber):
    """Published stories in the subscriber's product, newest first, as ninjs; `?since=` and a stable `?cursor=`."""
    stories = Article.objects.published().filter(subscriber.product_q()).for_listing().order_by("-published_at", "-id")
    since = request.GET.get("since")
    if since:
        try:
            moment = parse_datetime(since)
        except ValueError:  # well formed but impossible, e.g. month 13
            moment = None
        if moment is None:
            return bad_request("since must be an ISO 8601 date-time, e.g. 2026-03-24T09:00:00Z")
        moment = moment if timezone.is_aware(moment) else moment.replace(tzinfo=UTC)
        stories = stories.filter(Q(published_at__gt=moment) | Q(updated_at__gt=moment))
    cursor = request.GET.get("cursor")
    if cursor:
        try:
            published, pk = decode_cursor(cursor)
        except ValueError:
            return bad_request("cursor is not one we gave out; start again without it")
        stories = stories.filter(Q(published_at__lt=published) | Q(published_at=published, id__lt=pk))
    size = settings.WIRE_API_PAGE_SIZE
    page = list(stories[: size + 1])
    items, more = page[:size], len(page) > size
    next_url = None
    if more:
        query = request.GET.copy()
        query["cursor"] = encode_cursor(items[-1])
        next_url = request.build_absolute_uri(f"{reverse('wire:list')}?{query.urlencode()}")
    return JsonResponse({"items": [ninjs_out.document(a, request) for a in items], "next": next_url})


@subscriber_required
def ninjs_detail(request, guid, subscriber):
    """One story in the subscriber's product as ninjs; a withdrawn one answers 410 with pubstatus canceled."""
    product = subscriber.product_q()
    article = Article.objects.published().filter(product).for_listing().filter(guid=guid).first()
    if article is not None:
        return JsonResponse(ninjs_out.document(article, request))
    killed = Article.objects.filter(product, guid=guid, status=Status.WITHDRAWN).first()
    if killed is None:
        raise Http404("No such story.")
    return JsonResponse(ninjs_out.canceled(killed), status=410)


def encode_cursor(article):
    raw = f"{article.published_at.isoformat()}|{article.pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor):
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        published, pk = raw.rsplit("|", 1)
        if not pk.isdigit() or int(pk) >= 2**63:
            raise ValueError("bad id")
        return datetime.fromisoformat(published), int(pk)
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise ValueError(str(error)) from None
