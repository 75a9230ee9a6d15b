"""Photo files and Image rows for the photo tests, all made in memory with Pillow."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags
from PIL import Image as PILImage

from photos.models import Image
from photos.processing import prepare

GPS = {1: "N", 2: (55.0, 45.0, 1.5), 3: "E", 4: (37.0, 37.0, 0.0)}


def picture_bytes(size=(400, 300), fmt="JPEG", exif=None, color=(200, 60, 40), halves=None):
    """An image file; `halves` paints the left and right halves in two colours."""
    image = PILImage.new("RGB", size, color)
    if halves:
        left, right = halves
        image.paste(left, (0, 0, size[0] // 2, size[1]))
        image.paste(right, (size[0] // 2, 0, size[0], size[1]))
    out = io.BytesIO()
    options = {"exif": exif.tobytes()} if exif is not None else {}
    image.save(out, fmt, **options)
    return out.getvalue()


def exif_with(orientation=None, gps=True, artist=None, owner=None, description=None):
    exif = PILImage.Exif()
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    if gps:
        exif[ExifTags.IFD.GPSInfo] = GPS
    if artist:
        exif[ExifTags.Base.Artist] = artist
    if owner:
        exif[ExifTags.Base.CameraOwnerName] = owner
    if description:
        exif[ExifTags.Base.ImageDescription] = description
    return exif


def with_iptc(jpeg, **fields):
    """Add an IPTC block (Photoshop APP13) as cameras and agency tools write it.

    fields: caption (2:120), credit (2:110), byline (2:80), copyright (2:116).
    """
    datasets = {"byline": 80, "credit": 110, "copyright": 116, "caption": 120}
    records = b"".join(
        b"\x1c\x02" + bytes([datasets[name]]) + struct.pack(">H", len(value.encode())) + value.encode()
        for name, value in fields.items()
    )
    if len(records) % 2:
        records += b"\x00"
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(records)) + records
    payload = b"Photoshop 3.0\x00" + resource
    segment = b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload
    return jpeg[:2] + segment + jpeg[2:]


def png_header_only(width, height):
    """A tiny PNG whose header claims width x height: a decompression bomb's calling card."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))


def upload(content, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type)


def make_image(size=(400, 300), alt_text="A test photo of a red square", **overrides):
    """A stored photo with its renditions, made through the same path as an upload."""
    prepared = prepare(upload(picture_bytes(size)))
    fields = {
        "caption": "Workers repair the harbour wall.",
        "credit": "Chen Hao/Xinhua",
        "alt_text": alt_text,
        "width": prepared.width,
        "height": prepared.height,
    }
    image = Image(**(fields | overrides))
    image.file.save(prepared.content.name, prepared.content, save=False)
    image.save()
    return image
