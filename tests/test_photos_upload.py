"""Uploading photos through the admin: hostile or broken files are refused with a reason, and
what is stored is a clean re-encoding (no GPS, upright, caption and credit read from the file)."""

import io
import re
from html import unescape

import pytest
from PIL import ExifTags
from PIL import Image as PILImage

from photos.models import Image

from .photo_factories import exif_with, picture_bytes, png_header_only, upload, with_iptc

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/photos/image/add/"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(root):
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def post(client, file, **fields):
    data = {"caption": "", "credit": "", "alt_text": "", "copyright_holder": "", "focal_x": 50, "focal_y": 50}
    return client.post(ADD_URL, data | fields | {"file": file})


def error_text(response):
    """The admin's error list for the file field, as the editor reads it."""
    errors = re.findall(r'<ul class="errorlist"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    return unescape(re.sub(r"<[^>]+>", " ", " ".join(errors)))


def test_html_named_jpg_is_refused_by_content(staff_client, media):
    page = b"<!doctype html><html><body><script>alert(1)</script></body></html>"
    response = post(staff_client, upload(page, "holiday.jpg"), alt_text="A beach")
    assert response.status_code == 200
    assert "not a JPEG, PNG, WebP or GIF image (judged by its content, not its name)" in error_text(response)
    assert Image.objects.count() == 0
    assert stored_files(media) == []


def test_file_over_the_size_limit_is_refused(staff_client, media, settings):
    settings.PHOTOS_MAX_UPLOAD_BYTES = 1024
    content = picture_bytes((400, 300))
    assert len(content) > 1024
    response = post(staff_client, upload(content), alt_text="A red square")
    assert f"This file is {len(content) / 1048576:.1f} MB; the limit is 0.0 MB" in error_text(response)
    assert Image.objects.count() == 0
    assert stored_files(media) == []


def test_decompression_bomb_is_refused_before_decoding(staff_client, media):
    bomb = png_header_only(40_000, 40_000)  # 1.6 gigapixels claimed in a few hundred bytes
    assert len(bomb) < 500
    response = post(staff_client, upload(bomb, "map.png", "image/png"), alt_text="A map")
    assert "too many pixels to open safely" in error_text(response)
    assert Image.objects.count() == 0
    assert stored_files(media) == []


def test_image_over_our_pixel_limit_is_refused_with_its_size(staff_client, media, settings):
    settings.PHOTOS_MAX_PIXELS = 100_000
    response = post(staff_client, upload(picture_bytes((400, 300))), alt_text="A red square")
    assert "This image is 400 × 300 pixels" in error_text(response)
    assert "the limit is 0 megapixels" in error_text(response)
    assert Image.objects.count() == 0
    assert stored_files(media) == []


def test_truncated_image_is_refused(staff_client, media):
    whole = picture_bytes((800, 600), color=(10, 120, 200))
    response = post(staff_client, upload(whole[: len(whole) // 2]), alt_text="Half a photo")
    assert "damaged or incomplete (the file may be truncated)" in error_text(response)
    assert Image.objects.count() == 0
    assert stored_files(media) == []


def test_good_upload_is_stored_with_renditions_and_uploader(staff_client, media):
    response = post(staff_client, upload(picture_bytes((1000, 600)), "Harbour Wall.JPG"), alt_text="Workers on a wall")
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (1000, 600)
    assert image.uploaded_by.username == "chief"
    assert re.fullmatch(r"photos/\d{4}/\d{2}/harbour-wall\.jpg", image.file.name)
    files = stored_files(media)
    assert image.file.name in files
    assert sum(name.startswith(f"renditions/{image.pk}/") for name in files) == len(image.rendition_bytes) > 10


def test_gps_and_private_exif_are_removed_but_credit_tags_kept(staff_client, media):
    exif = exif_with(gps=True, artist="Li Wen", owner="Li Wen's own camera")
    exif[ExifTags.Base.Copyright] = "Xinhua"
    post(staff_client, upload(picture_bytes((600, 400), exif=exif)), alt_text="A red square", credit="Li Wen")
    image = Image.objects.get()
    stored = PILImage.open(image.file.path).getexif()
    assert stored.get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert ExifTags.Base.CameraOwnerName not in stored
    assert stored[ExifTags.Base.Artist] == "Li Wen"
    assert stored[ExifTags.Base.Copyright] == "Xinhua"
    for name in image.rendition_bytes:  # renditions carry no EXIF at all
        assert not PILImage.open(media / name).getexif()


def test_exif_orientation_is_applied(staff_client, media):
    # Stored sideways: the camera says "rotate 90° clockwise to view". Left half red, right half blue.
    content = picture_bytes((300, 200), exif=exif_with(orientation=6, gps=False), halves=((255, 0, 0), (0, 0, 255)))
    post(staff_client, upload(content), alt_text="Red above blue")
    image = Image.objects.get()
    assert (image.width, image.height) == (200, 300)
    stored = PILImage.open(image.file.path)
    assert stored.size == (200, 300)
    assert ExifTags.Base.Orientation not in stored.getexif()
    top, bottom = stored.getpixel((100, 20)), stored.getpixel((100, 280))
    assert top[0] > 200 and top[2] < 60  # red is now on top
    assert bottom[2] > 200 and bottom[0] < 60


def test_iptc_caption_and_credit_fill_empty_fields(staff_client, media):
    content = with_iptc(
        picture_bytes((500, 400)),
        caption="Dockers unload grain at the river port.",
        credit="Chen Hao/Xinhua",
        copyright="Xinhua News Agency",
    )
    response = post(staff_client, upload(content), alt_text="Dockers and grain sacks")
    image = Image.objects.get()
    assert image.caption == "Dockers unload grain at the river port."
    assert image.credit == "Chen Hao/Xinhua"
    assert image.copyright_holder == "Xinhua News Agency"
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("caption, credit and copyright holder from the photo's own data" in m for m in messages)


def test_typed_caption_wins_over_embedded_one(staff_client, media):
    content = with_iptc(picture_bytes((500, 400)), caption="Old caption from the camera.")
    post(staff_client, upload(content), alt_text="A square", caption="The desk's own caption.")
    assert Image.objects.get().caption == "The desk's own caption."


def test_exif_description_and_artist_are_used_without_iptc(staff_client, media):
    exif = exif_with(gps=False, artist="Mateo Quispe", description="Cable cars over the city.")
    post(staff_client, upload(picture_bytes((500, 400), exif=exif)), alt_text="Cable cars")
    image = Image.objects.get()
    assert (image.caption, image.credit) == ("Cable cars over the city.", "Mateo Quispe")


@pytest.mark.parametrize(("fmt", "stored_format"), [("PNG", "PNG"), ("WEBP", "WEBP"), ("GIF", "PNG")])
def test_other_accepted_formats_are_re_encoded(staff_client, media, fmt, stored_format):
    post(staff_client, upload(picture_bytes((320, 240), fmt=fmt), f"graphic.{fmt.lower()}"), alt_text="A graphic")
    image = Image.objects.get()
    assert PILImage.open(image.file.path).format == stored_format


def test_stored_file_is_a_fresh_encoding(staff_client, media):
    # Bytes appended after the JPEG's end marker (a polyglot trick) do not survive.
    content = picture_bytes((400, 300)) + b"<?php system($_GET['c']); ?>"
    post(staff_client, upload(content), alt_text="A red square")
    image = Image.objects.get()
    assert b"<?php" not in (media / image.file.name).read_bytes()


def test_editing_keeps_the_file_and_moves_the_focal_point(staff_client, media):
    post(staff_client, upload(picture_bytes((1200, 600))), alt_text="A wide red square")
    image = Image.objects.get()
    first = image.rendition("1x1", 320).name
    response = staff_client.post(
        f"/admin/photos/image/{image.pk}/change/",
        {"caption": "Now with a caption", "credit": "", "alt_text": "A wide red square", "copyright_holder": "",
         "focal_x": 10, "focal_y": 50},
    )  # fmt: skip
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.caption == "Now with a caption"
    assert image.rendition("1x1", 320).name != first
    assert (media / image.rendition("1x1", 320).name).exists()
    assert (media / first).exists()  # pages cached with the old crop still find it


def test_change_form_shows_preview_with_focal_point(staff_client, media):
    post(staff_client, upload(picture_bytes((800, 600))), alt_text="A red square")
    image = Image.objects.get()
    html = staff_client.get(f"/admin/photos/image/{image.pk}/change/").content.decode()
    assert "data-focal-picker" in html
    assert 'style="--x:50%;--y:50%"' in html
    assert image.url(image.rendition("full", 640)) in html
    assert 'name="file"' not in html  # the file of a stored photo is fixed


def test_renditions_are_readable_images(staff_client, media):
    post(staff_client, upload(picture_bytes((700, 500))), alt_text="A red square")
    image = Image.objects.get()
    for name in image.rendition_bytes:
        with PILImage.open(io.BytesIO((media / name).read_bytes())) as rendition:
            assert rendition.format == ("WEBP" if name.endswith(".webp") else "JPEG")
