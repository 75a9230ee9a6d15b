import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from articles.admin import monitor
from security.media import serve_media

admin.site.site_header = "Newsdesk"
admin.site.site_title = "Newsdesk desk"
admin.site.index_title = "The desk"

urlpatterns = [
    # The desk's monitoring page and its login landing (articles/admin/monitor.py).
    path("admin/login/", monitor.login_view),
    path("admin/desk/", include(monitor.urlpatterns)),
    path("admin/", admin.site.urls),
    path("api/ninjs/", include("wire.urls")),
    # Photos, private until published (security/media.py), in development and production alike.
    re_path(rf"^{re.escape(settings.MEDIA_URL.strip('/'))}/(?P<path>.+)$", serve_media, name="media"),
    path("", include("articles.urls")),
]
