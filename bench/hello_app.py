"""The yardstick for bench/pages.py: a bare Django "hello" view under the
project's own settings (same middleware, same database settings), served by the
same gunicorn. DJANGO_SETTINGS_MODULE=hello_app, with bench/ on the path; this
module is both the settings and the URLconf."""

from django.http import HttpResponse
from django.urls import path

from newsdesk.settings import *  # noqa: F403 - the project's settings, unchanged but for the URLconf

ROOT_URLCONF = "hello_app"


def hello(request):
    return HttpResponse("hello", content_type="text/plain")


urlpatterns = [path("", hello)]
