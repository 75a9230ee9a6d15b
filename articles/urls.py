from django.urls import path, register_converter

from . import views


class FourDigits:
    regex = r"\d{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"


class TwoDigits(FourDigits):
    regex = r"\d{2}"

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(FourDigits, "yyyy")
register_converter(TwoDigits, "dd")

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("<yyyy:year>/<dd:month>/<dd:day>/<slug:slug>/", views.article_detail, name="detail"),
    path("tags/<slug:slug>/", views.tag_archive, name="tag"),
    path("sources/<slug:slug>/", views.source_archive, name="source"),
    path("bylines/<slug:slug>/", views.byline_archive, name="byline"),
    path("kinds/<slug:kind>/", views.kind_archive, name="kind"),
    path("search/", views.search, name="search"),
    path("healthz", views.healthz, name="healthz"),
]
