import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from security.media import serve_media

admin.site.site_header = "Newsdesk"
admin.site.site_title = "Newsdesk desk"
admin.site.index_title = "The desk"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/ninjs/", include("wire.urls")),
    # Photos, private until published (security/media.py), in development and production alike.
    re_path(rf"^{re.escape(settings.MEDIA_URL.strip('/'))}/(?P<path>.+)$", serve_media, name="media"),
    path("", include("articles.urls")),
]
