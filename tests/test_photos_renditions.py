"""Renditions: the right sizes and formats, cropped around the focal point, made once."""

import io
import json
from pathlib import Path

import jsonschema
import pytest
from django.test import RequestFactory
from PIL import Image as PILImage

from photos import renditions
from photos.models import Image

from .photo_factories import make_image, picture_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def opened(media, rendition):
    return PILImage.open(io.BytesIO((media / rendition.name).read_bytes()))


def test_every_crop_comes_in_webp_and_jpeg_at_widths_up_to_the_photo(media):
    image = make_image(size=(1000, 800))
    for crop, ratio in [("full", 800 / 1000), ("16x9", 9 / 16), ("4x3", 3 / 4), ("1x1", 1)]:
        for ext, pil_format in [("webp", "WEBP"), ("jpg", "JPEG")]:
            made = image.renditions(crop, ext)
            assert made, (crop, ext)
            assert all(r.width <= 1000 for r in made)  # never upscaled
            for rendition in made:
                with opened(media, rendition) as file:
                    assert file.format == pil_format
                    assert file.size == (rendition.width, rendition.height)
                    assert abs(rendition.height / rendition.width - ratio) < 0.01
    assert [r.width for r in image.renditions("full")] == [320, 640, 960, 1000]
    assert [r.width for r in image.renditions("1x1")] == [320, 640, 800]


def test_large_photo_stops_at_the_widest_rendition(media):
    image = make_image(size=(2400, 1600))
    assert [r.width for r in image.renditions("full", "webp")] == list(renditions.WIDTHS)


def test_og_rendition_is_1200_by_630(media):
    image = make_image(size=(2000, 1500))
    og = image.og_rendition()
    assert (og.width, og.height) == (1200, 630)
    with opened(media, og) as file:
        assert (file.format, file.size) == ("JPEG", (1200, 630))


def test_crop_box_centres_the_focal_point_within_the_edges():
    # A 1600x900 crop of 1600x1200 is as wide as the photo; only the top moves.
    assert renditions.crop_box(1600, 1200, (16, 9), 50, 50) == (0, 150, 1600, 1050)
    assert renditions.crop_box(1600, 1200, (16, 9), 50, 0) == (0, 0, 1600, 900)
    assert renditions.crop_box(1600, 1200, (16, 9), 50, 100) == (0, 300, 1600, 1200)
    # A square of 1200 from 1600 wide: focal point at 80% puts the box's centre at 1280, clamped to the edge.
    assert renditions.crop_box(1600, 1200, (1, 1), 80, 50) == (400, 0, 1600, 1200)
    assert renditions.crop_box(1600, 1200, (1, 1), 45, 50) == (120, 0, 1320, 1200)
    assert renditions.crop_box(1600, 1200, None, 10, 10) == (0, 0, 1600, 1200)


def test_square_crop_keeps_the_subject_at_the_focal_point(media, settings):
    # Left half red, right half blue; the subject (focal point) is on the right.
    prepared_bytes = picture_bytes((1200, 600), halves=((255, 0, 0), (0, 0, 255)))
    from photos.processing import prepare

    prepared = prepare(upload(prepared_bytes))
    image = Image(alt_text="Blue on the right", width=prepared.width, height=prepared.height, focal_x=85, focal_y=50)
    image.file.save(prepared.content.name, prepared.content, save=False)
    image.save()
    with opened(media, image.rendition("1x1", 320)) as square:
        r, g, b = square.convert("RGB").getpixel((160, 160))
        assert b > 200 and r < 60  # all blue: the crop sits over the right half
    image.focal_x = 15
    image.save()
    with opened(media, image.rendition("1x1", 320)) as square:
        r, g, b = square.convert("RGB").getpixel((160, 160))
        assert r > 200 and b < 60


def test_renditions_are_made_once(media, monkeypatch):
    image = make_image(size=(900, 600))
    before = {name: (media / name).stat().st_mtime_ns for name in image.rendition_bytes}
    saved = []
    monkeypatch.setattr(renditions, "save", lambda *args: saved.append(args) or 0)
    image.caption = "A new caption changes no pixels"
    image.save()
    assert saved == []  # nothing made again
    assert renditions.generate(Image.objects.get(pk=image.pk)) == {}
    assert {name: (media / name).stat().st_mtime_ns for name in before} == before


def test_a_missing_rendition_is_made_again_by_the_command(media):
    from django.core.management import call_command

    image = make_image(size=(900, 600))
    lost = image.rendition("4x3", 640, "webp")
    (media / lost.name).unlink()
    out = io.StringIO()
    call_command("make_renditions", stdout=out)
    assert "Made 1 renditions." in out.getvalue()
    assert (media / lost.name).exists()


def test_deleting_a_photo_removes_its_files(media, django_capture_on_commit_callbacks):
    image = make_image(size=(700, 500))
    image.focal_x = 20
    image.save()  # a second set of crops
    assert list(media.rglob("*.webp"))
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert [p for p in media.rglob("*") if p.is_file()] == []


def test_helpers_for_feeds_json_ld_and_og(media):
    image = make_image(size=(1600, 1200))
    request = RequestFactory().get("/")
    assert image.og_url(request).startswith("http://testserver/media/renditions/")
    assert image.og_url(request).endswith("/og-1200.jpg")
    urls = image.rendition_urls(request)
    assert [u.rsplit("/", 1)[1] for u in urls] == ["16x9-1600.jpg", "4x3-1600.jpg", "1x1-1200.jpg"]
    enclosure = image.feed_enclosure(request)
    assert enclosure.url.endswith("/full-1280.jpg")
    assert enclosure.mime_type == "image/jpeg"
    assert int(enclosure.length) == (media / image.rendition("full", 1280).name).stat().st_size


def test_ninjs_association_is_valid_ninjs(media):
    image = make_image(size=(1000, 700), copyright_holder="Xinhua News Agency")
    association = image.ninjs_association(RequestFactory().get("/"))
    assert association["type"] == "picture"
    assert association["by"] == "Chen Hao/Xinhua"
    assert {"role": "caption", "contenttype": "text/plain", "value": "Workers repair the harbour wall."} in (
        association["descriptions"]
    )
    first = association["renditions"][0]
    assert first["href"].startswith("http://testserver/media/")
    assert first["sizeinbytes"] > 0
    # Valid as an association inside a ninjs 2.2 item.
    schema_path = Path(__file__).resolve().parent / "data" / "iptc" / "ninjs" / "schema" / "ninjs-schema_2.2.json"
    schema = json.loads(schema_path.read_text())
    item = {"uri": "urn:newsdesk:test:1", "type": "text", "associations": [association]}
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(item)


def test_photo_made_in_code_gets_its_size_from_the_file(media):
    from django.core.files.base import ContentFile

    image = Image(alt_text="A red square")
    image.file.save("square.jpg", ContentFile(picture_bytes((500, 300))), save=False)
    image.save()
    assert (image.width, image.height) == (500, 300)
    assert image.renditions("full")[-1].width == 500
