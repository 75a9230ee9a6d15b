"""A story's photo in a real browser: loaded as WebP, sized for the screen, space reserved before it loads."""

import pytest
from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve

from tests.factories import make_article
from tests.photo_factories import make_image

pytestmark = pytest.mark.django_db(transaction=True)

# The suite runs with DEBUG off, where the web server serves media (docs/photos.md); here the app does.
urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", lambda request, path: serve(request, path, settings.MEDIA_ROOT)),
    path("", include("newsdesk.urls")),
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.ROOT_URLCONF = __name__


def photo_box(page):
    return page.evaluate(
        """() => { const img = document.querySelector('.photo--article img');
        const box = img.getBoundingClientRect();
        return {width: box.width, height: box.height, natural: img.naturalWidth, src: img.currentSrc}; }"""
    )


@pytest.mark.parametrize(("viewport", "widest"), [(375, 960), (1280, 1600)])
def test_story_photo_fits_the_screen(live_server, page, viewport, widest):
    article = make_article(lead_image=make_image(size=(1800, 1200)))
    page.set_viewport_size({"width": viewport, "height": 900})
    page.goto(live_server.url + article.get_absolute_url())
    page.wait_for_function("document.querySelector('.photo--article img').complete")
    box = photo_box(page)
    assert box["src"].endswith(".webp")
    assert box["natural"] <= widest  # the small screen gets a smaller file
    assert box["width"] <= viewport
    assert abs(box["height"] - box["width"] * 2 / 3) < 2  # the photo's own shape


def test_space_is_reserved_before_the_photo_loads(live_server, page):
    article = make_article(lead_image=make_image(size=(1200, 800)))
    page.route("**/media/**", lambda route: None)  # hold every photo back
    page.goto(live_server.url + article.get_absolute_url(), wait_until="domcontentloaded")
    box = photo_box(page)
    assert box["natural"] == 0  # not loaded yet
    assert box["height"] > 100 and abs(box["height"] - box["width"] * 2 / 3) < 2
