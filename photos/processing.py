"""Turn an uploaded file into a safe, re-encoded photo, or refuse it with a reason.

Everything is judged by the file's content, never its name. What is stored is
a fresh encoding of the decoded pixels: no payload hidden in the original
bytes survives, EXIF orientation is applied, and no EXIF is kept except the
photographer and copyright tags (GPS, camera serials, owner names and maker
notes are all dropped).
"""

import io
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import slugify
from PIL import Image, ImageFile, ImageOps, IptcImagePlugin, UnidentifiedImageError

ACCEPTED = ("JPEG", "PNG", "WEBP", "GIF")
# What each accepted format is stored as: GIFs become PNGs (first frame only).
STORED_AS = {"JPEG": ("JPEG", "jpg"), "PNG": ("PNG", "png"), "WEBP": ("WEBP", "webp"), "GIF": ("PNG", "png")}

EXIF_DESCRIPTION, EXIF_ARTIST, EXIF_COPYRIGHT = 0x010E, 0x013B, 0x8298
IPTC_BYLINE, IPTC_CREDIT, IPTC_COPYRIGHT, IPTC_CAPTION = (2, 80), (2, 110), (2, 116), (2, 120)


@dataclass
class Prepared:
    """A photo ready to store, with any caption and credit found inside it."""

    content: ContentFile
    width: int
    height: int
    caption: str = ""
    credit: str = ""
    copyright_holder: str = ""


def megabytes(n):
    return f"{n / (1024 * 1024):.1f} MB"


def prepare(upload):
    """Check, decode and re-encode an upload. Raises ValidationError with a plain reason."""
    limit = settings.PHOTOS_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"This file is {megabytes(upload.size)}; the limit is {megabytes(limit)}. "
            "Export a smaller JPEG and try again.",
            code="too_large",
        )
    upload.seek(0)
    data = upload.read()
    try:
        with warnings.catch_warnings():
            # Pillow warns above MAX_IMAGE_PIXELS and raises above twice that; refuse at the warning.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=ACCEPTED)
            check_pixels(*image.size)
            source_format = image.format
            metadata = read_metadata(image)
            image.seek(0)  # first frame of an animation
            image.load()
            content, (width, height) = encode(image, source_format, upload.name)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            f"This image has too many pixels to open safely (the limit is {settings.PHOTOS_MAX_PIXELS:,}).",
            code="too_many_pixels",
        ) from error
    except UnidentifiedImageError as error:
        raise ValidationError(
            "This file is not a JPEG, PNG, WebP or GIF image (judged by its content, not its name).",
            code="not_an_image",
        ) from error
    except Exception as error:  # Pillow raises OSError, SyntaxError, ValueError... for damaged files
        raise ValidationError(
            "This image is damaged or incomplete (the file may be truncated), so it cannot be read. "
            "Upload the complete file.",
            code="damaged",
        ) from error
    return Prepared(content, width, height, **metadata)


def check_pixels(width, height):
    if width * height > settings.PHOTOS_MAX_PIXELS:
        raise ValidationError(
            f"This image is {width:,} × {height:,} pixels ({width * height / 1e6:.0f} megapixels); "
            f"the limit is {settings.PHOTOS_MAX_PIXELS / 1e6:.0f} megapixels.",
            code="too_many_pixels",
        )


def encode(image, source_format, original_name):
    """A fresh file from the decoded pixels: upright, in RGB(A), with no private metadata."""
    stored_format, extension = STORED_AS[source_format]
    icc = image.info.get("icc_profile") if image.mode != "CMYK" else None
    kept = Image.Exif()
    exif = image.getexif()
    for tag in (EXIF_ARTIST, EXIF_COPYRIGHT):
        if exif.get(tag):
            kept[tag] = exif[tag]
    upright = ImageOps.exif_transpose(image)
    has_alpha = upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info
    upright = upright.convert("RGBA" if has_alpha and stored_format != "JPEG" else "RGB")
    options = {"exif": kept.tobytes()} if len(kept) else {}
    if icc:
        options["icc_profile"] = icc
    if stored_format in ("JPEG", "WEBP"):
        options["quality"] = 90
    out = io.BytesIO()
    upright.save(out, stored_format, **options)
    stem = slugify(PurePath(original_name or "photo").stem)[:60] or "photo"
    return ContentFile(out.getvalue(), name=f"{stem}.{extension}"), upright.size


def read_metadata(image):
    """Caption, credit and copyright from IPTC (JPEG) or EXIF, when the photographer set them."""
    found = {}
    try:
        iptc = IptcImagePlugin.getiptcinfo(image) or {}
    except Exception:  # a broken IPTC block is not a reason to refuse the photo
        iptc = {}
    exif = image.getexif()
    found["caption"] = text(iptc.get(IPTC_CAPTION)) or text(exif.get(EXIF_DESCRIPTION))
    found["credit"] = text(iptc.get(IPTC_CREDIT)) or text(iptc.get(IPTC_BYLINE)) or text(exif.get(EXIF_ARTIST))
    found["copyright_holder"] = text(iptc.get(IPTC_COPYRIGHT)) or text(exif.get(EXIF_COPYRIGHT))
    return found


def text(value):
    if isinstance(value, list):  # repeatable IPTC fields
        value = value[0] if value else None
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            value = value.decode("latin-1")
    return " ".join(str(value).split())[:500] if value else ""


# Never let Pillow paper over a truncated file with grey pixels.
ImageFile.LOAD_TRUNCATED_IMAGES = False
