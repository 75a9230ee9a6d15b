"""The demo desk's photos are drawn by the project and go through the upload checks."""

import pytest
from PIL import Image as PILImage

from articles.models import Article
from photos.demo import make_demo_images
from photos.models import Image

from .factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_demo_photos_are_drawn_attached_and_made_once(client):
    stories = [make_article(), make_article()]
    assert make_demo_images(stories) == 2
    assert make_demo_images(Article.objects.all()) == 0  # again: nothing new
    assert Image.objects.count() == 2
    for story in Article.objects.select_related("lead_image"):
        image = story.lead_image
        assert image.publishable and image.credit and image.caption
        assert (image.width, image.height) == (1600, 1000)
        assert PILImage.open(image.file.path).format == "JPEG"
        html = client.get(story.get_absolute_url()).content.decode()
        assert f'alt="{image.alt_text}"' in html
