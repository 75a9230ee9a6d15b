"""Uploaded photos, private until published.

Anyone may fetch a photo (its original or any rendition) once a story that
readers can see (Article.objects.published()) uses it, as lead photo or in its
body; staff may fetch every photo. Any other path under MEDIA_URL answers 404,
so a draft's, scheduled or embargoed story's photo cannot be found by guessing
its address, and a withdrawn story's photo goes private again. The rule is
asked on each request, so a scheduled story's photos open on time with no job.

Django streams the file itself (`make run`, small sites) or, with
MEDIA_ACCEL_REDIRECT set, hands it to nginx with X-Accel-Redirect
(deploy/nginx/newsdesk.conf), which serves MEDIA_ROOT from an internal location."""

import posixpath
import re
from urllib.parse import quote

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe
from django.views.static import serve

from articles.models import Article
from photos.models import Image

RENDITION = re.compile(r"renditions/(?P<pk>[0-9]{1,18})/")
PUBLIC_CACHE = "public, max-age=300"  # a withdrawn story's photos close within five minutes
PRIVATE_CACHE = "private, no-store"


def image_id_for(name):
    """The photo a media path belongs to, or None."""
    match = RENDITION.match(name)
    if match:
        return int(match["pk"])
    return Image.objects.filter(file=name).values_list("pk", flat=True).first()


def is_public(image_id):
    """True while a story readers can see uses the photo."""
    used_by = Q(lead_image_id=image_id) | Q(story_photos__image_id=image_id)
    return Article.objects.published().filter(used_by).exists()


@require_safe
def serve_media(request, path):
    name = posixpath.normpath(path).lstrip("/")
    if name.startswith("..") or "\x00" in name:
        raise Http404("No such file.")
    image_id = image_id_for(name)
    public = image_id is not None and is_public(image_id)
    if not public and not request.user.is_staff:
        raise Http404("No such photo.")
    if settings.MEDIA_ACCEL_REDIRECT:
        response = HttpResponse(content_type="")
        del response["Content-Type"]  # nginx sets it from the file name
        response["X-Accel-Redirect"] = settings.MEDIA_ACCEL_REDIRECT.rstrip("/") + "/" + quote(name)
    else:
        response = serve(request, name, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = PUBLIC_CACHE if public else PRIVATE_CACHE
    if not public:
        response["Vary"] = "Cookie"
    return response
