"""Renditions: each photo in WebP and JPEG at a few widths, cropped around its focal point.

Names are worked out from the photo alone (its file, focal point and size), so
pages build every URL without touching the storage or the database. The files
are made once, when the photo is saved (`generate`), and never on a page view;
`generate` skips any file that already exists, so running it again (or the
`make_renditions` command after a change to the widths below) only fills gaps.
Moving the focal point gives new names, so pages cached with the old ones
keep working.
"""

import hashlib
import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image as PILImage

VERSION = 1  # bump to make every rendition anew (e.g. after changing quality)
WIDTHS = (320, 640, 960, 1280, 1600)
# crop name -> aspect ratio (width, height); "full" keeps the photo's own shape.
CROPS = {"full": None, "16x9": (16, 9), "4x3": (4, 3), "1x1": (1, 1)}
OG_SIZE = (1200, 630)  # OpenGraph / social cards
FORMATS = {
    # WebP effort 2 of 6: see bench/photos_renditions.py for time and size against the default 4.
    "webp": ("WEBP", "image/webp", {"quality": 80, "method": 2}),
    "jpg": ("JPEG", "image/jpeg", {"quality": 82, "optimize": True, "progressive": True}),
}


@dataclass(frozen=True)
class Rendition:
    name: str  # path in the storage
    crop: str
    width: int
    height: int
    ext: str

    @property
    def mime_type(self):
        return FORMATS[self.ext][1]


def key(image):
    """Changes whenever the pixels of any rendition would change."""
    raw = f"{image.file.name}|{image.focal_x}|{image.focal_y}|{VERSION}"
    return hashlib.sha256(raw.encode()).hexdigest()[:12]


def crop_box(width, height, ratio, focal_x=50, focal_y=50):
    """The largest box of `ratio` inside the photo, centred on the focal point as far as the edges allow."""
    if ratio is None:
        return (0, 0, width, height)
    rw, rh = ratio
    crop_w, crop_h = (round(height * rw / rh), height) if width * rh > height * rw else (width, round(width * rh / rw))
    left = min(max(round(width * focal_x / 100 - crop_w / 2), 0), width - crop_w)
    top = min(max(round(height * focal_y / 100 - crop_h / 2), 0), height - crop_h)
    return (left, top, left + crop_w, top + crop_h)


def plan(image, crop):
    """The renditions of one crop, narrowest first, in both formats. Never upscales."""
    left, top, right, bottom = crop_box(image.width, image.height, CROPS[crop], image.focal_x, image.focal_y)
    crop_w, crop_h = right - left, bottom - top
    widths = sorted({w for w in WIDTHS if w < crop_w} | {min(crop_w, WIDTHS[-1])})
    folder = f"{folder_of(image)}/{key(image)}"
    return [
        Rendition(f"{folder}/{crop}-{w}.{ext}", crop, w, max(1, round(w * crop_h / crop_w)), ext)
        for ext in FORMATS
        for w in widths
    ]


def plan_og(image):
    """One JPEG for social cards, 1200x630 (smaller when the photo is)."""
    left, top, right, bottom = crop_box(image.width, image.height, OG_SIZE, image.focal_x, image.focal_y)
    width = min(right - left, OG_SIZE[0])
    height = round(width * OG_SIZE[1] / OG_SIZE[0])
    return Rendition(f"{folder_of(image)}/{key(image)}/og-{width}.jpg", "og", width, height, "jpg")


def plan_all(image):
    return [r for crop in CROPS for r in plan(image, crop)] + [plan_og(image)]


def generate(image):
    """Make the renditions that do not exist yet. Returns {name: bytes} for the ones made.

    If anything fails half-way, the files made by this call are removed again.
    """
    storage = image.file.storage
    missing = [r for r in plan_all(image) if not storage.exists(r.name)]
    if not missing:
        return {}
    made = {}
    try:
        with image.file.open("rb") as f, PILImage.open(f) as source:
            source.load()
            for crop in dict.fromkeys(r.crop for r in missing):
                ratio = OG_SIZE if crop == "og" else CROPS[crop]
                cropped = source.crop(crop_box(source.width, source.height, ratio, image.focal_x, image.focal_y))
                sizes = {(r.width, r.height) for r in missing if r.crop == crop}
                for size in sorted(sizes, reverse=True):  # one resize per size, for both formats
                    resized = cropped.resize(size, PILImage.Resampling.LANCZOS, reducing_gap=3.0)
                    for rendition in (r for r in missing if r.crop == crop and (r.width, r.height) == size):
                        made[rendition.name] = save(storage, rendition, resized)
    except BaseException:
        for name in made:
            storage.delete(name)
        raise
    return made


def save(storage, rendition, resized):
    pil_format, _, options = FORMATS[rendition.ext]
    if pil_format == "JPEG" and resized.mode != "RGB":
        flat = PILImage.new("RGB", resized.size, "white")
        flat.paste(resized, mask=resized.getchannel("A") if "A" in resized.mode else None)
        resized = flat
    out = io.BytesIO()
    resized.save(out, pil_format, **options)
    storage.save(rendition.name, ContentFile(out.getvalue()))
    return out.tell()


def folder_of(image):
    """Where every rendition ever made for this photo (all focal points) lives."""
    return f"renditions/{image.pk}"


def remove_tree(storage, folder):
    try:
        folders, files = storage.listdir(folder)
    except (FileNotFoundError, NotImplementedError):
        return
    for name in files:
        storage.delete(f"{folder}/{name}")
    for sub in folders:
        remove_tree(storage, f"{folder}/{sub}")
