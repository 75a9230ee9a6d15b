"""Pictures that come with the copy become the story's lead photo, from the drop folder or an allowed host."""

import json
from http.server import BaseHTTPRequestHandler

import pytest

from articles.models import Article
from photos.models import Image

from .local_server import serving
from .photo_factories import picture_bytes
from .wire_helpers import NAR, ingest, news_item, news_message, ninjs2, write

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.WIRE_MEDIA_HOSTS = ["127.0.0.1"]


class Pictures(BaseHTTPRequestHandler):
    """An agency's picture server on loopback: /harbour.jpg, /huge.jpg (a big file), /away (redirects off-list)."""

    def do_GET(self):  # noqa: N802 -- the http.server API
        if self.path == "/away":
            self.send_response(302)
            self.send_header("Location", "http://localhost:1/elsewhere.jpg")
            self.end_headers()
            return
        body = picture_bytes((640, 480)) if self.path == "/harbour.jpg" else b"\xff\xd8\xff" + b"0" * 5000
        self.send_response(200 if self.path in {"/harbour.jpg", "/huge.jpg"} else 404)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def agency():
    with serving(Pictures) as url:
        yield url


def with_picture(href, uri="urn:test:1"):
    association = {
        "name": "featureimage",
        "uri": "urn:pic:1",
        "type": "picture",
        "by": "Chen Hao/Xinhua",
        "renditions": [
            {"name": "thumbnail", "href": href + "?thumb", "width": 100},
            {"name": "original", "href": href},
        ],
        "descriptions": [
            {"role": "caption", "value": "Workers repair the harbour wall."},
            {"role": "alt", "value": "Two workers on scaffolding by a stone wall"},
        ],
    }
    return ninjs2(uri=uri, associations=[association])


def test_associated_picture_on_an_allowed_host_becomes_the_lead_photo(tmp_path, agency, client):
    status, lines = ingest(write(tmp_path, "a.json", with_picture(f"{agency}/harbour.jpg")))
    assert status == 0, lines
    story = Article.objects.get()
    photo = story.lead_image
    assert (photo.caption, photo.credit, photo.alt_text) == (
        "Workers repair the harbour wall.",
        "Chen Hao/Xinhua",
        "Two workers on scaffolding by a stone wall",
    )
    assert (photo.width, photo.height) == (640, 480)
    assert 'alt="Two workers on scaffolding by a stone wall"' in client.get(story.get_absolute_url()).content.decode()
    # The next version does not fetch or store the picture again.
    ingest(write(tmp_path, "b.json", json.dumps(json.loads(with_picture(f"{agency}/harbour.jpg")) | {"version": 2})))
    assert Image.objects.count() == 1


def test_picture_on_a_host_not_allowed_is_noted_and_the_story_still_lands(tmp_path, agency, settings):
    settings.WIRE_MEDIA_HOSTS = ["photos.agency.example"]
    status, lines = ingest(write(tmp_path, "a.json", with_picture(f"{agency}/harbour.jpg")))
    assert status == 0
    assert lines[1] == f"# urn:test:1 photo {agency}/harbour.jpg not used: host 127.0.0.1 is not in WIRE_MEDIA_HOSTS"
    assert Article.objects.get().lead_image is None and not Image.objects.exists()


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/huge.jpg", "the file is 5003 bytes, over the 4000-byte limit for photos"),
        ("/away", "redirected to a host not in WIRE_MEDIA_HOSTS: localhost"),
        ("/missing.jpg", "HTTP 404"),
    ],
)
def test_pictures_over_the_upload_limit_or_redirected_away_are_refused(tmp_path, agency, settings, path, reason):
    settings.PHOTOS_MAX_UPLOAD_BYTES = 4000
    status, lines = ingest(write(tmp_path, "a.json", with_picture(f"{agency}{path}")))
    assert status == 0
    assert reason in lines[1]
    assert not Image.objects.exists()


def test_picture_file_beside_the_copy_in_the_drop_folder(tmp_path):
    drop = tmp_path / "drop"
    drop.mkdir()
    write(drop, "0001.jpg", picture_bytes((320, 240)))
    write(drop, "story.json", with_picture("0001.jpg"))
    status, lines = ingest("--watch", drop, "--once")
    assert status == 0, lines
    assert lines[0] == "created urn:test:1 Ministers meet in Moscow"
    assert lines[1] == f"# skipped {drop / '0001.jpg'} a picture file: it comes in with the story that names it"
    assert Article.objects.get().lead_image.width == 320
    assert sorted(p.name for p in (drop / "_processed").iterdir()) == ["0001.jpg", "story.json"]


def test_picture_path_outside_the_drop_folder_is_refused(tmp_path):
    write(tmp_path, "secret.jpg", picture_bytes())
    (tmp_path / "in").mkdir()
    _, lines = ingest(write(tmp_path / "in", "a.json", with_picture("../secret.jpg")))
    assert lines[1].endswith("not used: the picture must be in the drop folder, beside the copy")
    _, lines = ingest(write(tmp_path / "in", "b.json", with_picture(f"file://{tmp_path}/secret.jpg", uri="urn:t:2")))
    assert "only http(s) addresses and files beside the copy are read" in lines[1]
    assert not Image.objects.exists()


def test_g2_picture_item_linked_from_the_story_in_the_same_message(tmp_path, agency):
    picture = (
        f'<newsItem xmlns="{NAR}" guid="urn:pic:7" version="1"><itemMeta><itemClass qcode="ninat:picture"/>'
        '<provider literal="Harbour Wire"/></itemMeta><contentMeta><headline>Harbour wall</headline>'
        '<description role="drol:caption">Workers repair the harbour wall.</description>'
        '<description role="drol:alt">Two workers on scaffolding</description>'
        "<creditline>Ann Lee/Harbour Wire</creditline></contentMeta><contentSet>"
        f'<remoteContent href="{agency}/harbour.jpg" contenttype="image/jpeg" width="640" height="480"/>'
        "</contentSet></newsItem>"
    )
    story = news_item(extra_meta='<link rel="irel:seeAlso" residref="urn:pic:7"/>')
    status, lines = ingest(write(tmp_path, "m.xml", news_message(story, picture)))  # the picture comes after
    assert status == 0, lines
    photo = Article.objects.get().lead_image
    assert (photo.caption, photo.alt_text, photo.credit) == (
        "Workers repair the harbour wall.",
        "Two workers on scaffolding",
        "Ann Lee/Harbour Wire",
    )


def test_the_first_picture_leads_and_the_next_ones_are_placed_in_the_text(tmp_path):
    for n, size in enumerate([(320, 240), (300, 200), (280, 210)], start=1):
        write(tmp_path, f"{n}.jpg", picture_bytes(size))
    pictures = [
        {"uri": f"urn:pic:{n}", "type": "picture", "renditions": [{"name": "original", "href": f"{n}.jpg"}],
         "descriptions": [{"role": "caption", "value": f"Picture {n}."}]}
        for n in (1, 2, 3)
    ]  # fmt: skip
    status, lines = ingest(write(tmp_path, "story.json", ninjs2(associations=pictures)))
    assert status == 0, lines
    story = Article.objects.get()
    assert (story.lead_image.width, story.lead_image.caption) == (320, "Picture 1.")
    placed = list(story.story_photos.order_by("position").select_related("image"))
    assert [(p.image.caption, p.after_paragraph) for p in placed] == [("Picture 2.", 2), ("Picture 3.", 4)]
