"""The project's URLs under /desk-site/, for tests/test_links.py."""

from django.urls import include, path

urlpatterns = [path("desk-site/", include("articles.urls"))]
