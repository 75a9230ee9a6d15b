from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Newsdesk"
admin.site.site_title = "Newsdesk desk"
admin.site.index_title = "The desk"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/ninjs/", include("wire.urls")),
    path("", include("articles.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
