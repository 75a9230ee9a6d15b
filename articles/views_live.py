"""The small JSON answers open reader pages poll (static/js/live.js): a story's
current version and what changed, and the home page's current Flash.

Both are reader pages to the page cache (pagecache/middleware.py ROUTES): kept
for every worker, cleared by the story's key (or "home") the moment it changes,
and a matching If-None-Match gets its 304 there before this code runs. With the
page cache off they still answer with an ETag and a 304. Neither reads the
session or sets a cookie."""

import hashlib
import json

from django.http import Http404, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from . import live
from .models import Article, Status

# Browsers may keep an answer this long; live.js asks with cache: "no-store" and
# its own If-None-Match, so an open page never waits for a browser's copy.
MAX_AGE = 10
STORY_FIELDS = ("version", "updated_at", "update_note", "withdrawn_reason", "status", *live.FLASH_FIELDS)


def _json(request, payload, status=200):
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    response = HttpResponse(body, content_type="application/json", status=status)
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    if status != 200:
        return response
    etag = f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'
    response["ETag"] = etag
    return get_conditional_response(request, etag=etag, response=response)


@require_safe
def story_json(request, pk):
    """/live/story/<id>.json: a published story's version; 410 once withdrawn; 404 otherwise."""
    article = Article.objects.published().filter(pk=pk).only(*STORY_FIELDS).first()
    if article is not None:
        return _json(request, live.story_state(article, request))
    withdrawn = Article.objects.filter(pk=pk, status=Status.WITHDRAWN).only(*STORY_FIELDS).first()
    if withdrawn is None:
        raise Http404("No such story.")
    return _json(request, live.withdrawn_state(withdrawn), status=410)


@require_safe
def home_json(request):
    """/live/home.json: the Flash or Urgent under an hour old the home page shows, or none."""
    return _json(request, live.home_state(live.current_flash(), request))
