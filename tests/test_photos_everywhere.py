"""A story's lead photo reaches feeds, the ninjs API and the desk's story list."""

import feedparser
import pytest

from .factories import make_article
from .photo_factories import make_image
from .test_wire_api import detail_url, validator  # noqa: F401 -- the schema fixture

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_rss_items_carry_the_photo_as_an_enclosure(client):
    make_article(headline="With photo", lead_image=make_image(size=(1400, 900)))
    make_article(headline="Without photo")
    make_article(headline="Photo lacks alt text", lead_image=make_image(alt_text=""))
    feed = feedparser.parse(client.get("/feeds/latest.rss").content)
    enclosures = {entry.title: entry.get("enclosures", []) for entry in feed.entries}
    (enclosure,) = enclosures["With photo"]
    assert enclosure["href"].startswith("http://testserver/") and enclosure["href"].endswith(".jpg")
    assert enclosure["type"] == "image/jpeg" and int(enclosure["length"]) > 0
    assert enclosures["Without photo"] == [] and enclosures["Photo lacks alt text"] == []


def test_ninjs_carries_the_photo_as_an_association_that_validates(subscriber_client, validator):  # noqa: F811
    story = make_article(lead_image=make_image(size=(1400, 900), caption="Cranes at dusk"))
    doc = subscriber_client.get(detail_url(story.guid)).json()
    validator.validate(doc)
    (photo,) = doc["associations"]
    assert photo["type"] == "picture"
    assert {"role": "caption", "contenttype": "text/plain", "value": "Cranes at dusk"} in photo["descriptions"]
    assert all(r["href"].startswith("http://testserver/") for r in photo["renditions"])


def test_story_change_list_shows_thumbnails(staff_client):
    make_article(headline="Pictured", lead_image=make_image(size=(800, 600)))
    html = staff_client.get("/admin/articles/article/").content.decode()
    assert '<img src="/media/' in html and "1x1" in html
