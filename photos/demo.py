"""Demo photos drawn by the project itself with Pillow: nothing is downloaded.

`make_demo_images(articles)` gives each story without a lead photo a drawn
scene, going through the same checks and re-encoding as an editor's upload.
Safe to run again: stories that already have a photo are left alone.
"""

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageDraw

from .models import Image
from .processing import prepare

SIZE = (1600, 1000)
CREDIT = "Newsdesk demo illustration"

# name, alt text, caption, sky top, sky bottom, ground, focal point (x, y)
SCENES = [
    (
        "harbour",
        "Drawing of a harbour at dusk: cranes and a container ship against an orange sky",
        "A harbour at dusk, drawn for the demo desk.",
        (52, 38, 92),
        (243, 146, 84),
        (24, 52, 82),
        (62, 55),
    ),
    (
        "city",
        "Drawing of a city skyline at midday under a pale blue sky",
        "A city skyline, drawn for the demo desk.",
        (96, 150, 214),
        (205, 225, 242),
        (70, 74, 82),
        (40, 60),
    ),
    (
        "hills",
        "Drawing of green hills under a rising sun",
        "Morning over the hills, drawn for the demo desk.",
        (255, 196, 120),
        (255, 236, 200),
        (64, 128, 72),
        (70, 35),
    ),
    (
        "river",
        "Drawing of a river bend at night with a full moon",
        "A river at night, drawn for the demo desk.",
        (10, 16, 48),
        (40, 58, 110),
        (18, 36, 40),
        (30, 30),
    ),
]


def draw(scene, seed):
    name, _, _, top, bottom, ground, (fx, fy) = scene
    rng = random.Random(seed)  # noqa: S311 -- shapes for a drawing, not security
    width, height = SIZE
    image = PILImage.new("RGB", SIZE)
    pen = ImageDraw.Draw(image)
    for y in range(height):  # sky gradient
        t = y / height
        pen.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    cx, cy = width * fx // 100, height * fy // 100
    pen.ellipse([cx - 90, cy - 90, cx + 90, cy + 90], fill=(255, 244, 214))  # sun or moon, at the focal point
    horizon = int(height * 0.68)
    if name in ("city", "harbour"):
        x = 0
        while x < width:
            w, h = rng.randint(60, 160), rng.randint(120, 420)
            shade = tuple(max(0, c - rng.randint(10, 40)) for c in ground)
            pen.rectangle([x, horizon - h, x + w, horizon], fill=shade)
            for wy in range(horizon - h + 20, horizon - 20, 36):  # windows
                for wx in range(x + 12, x + w - 16, 28):
                    if rng.random() < 0.5:
                        pen.rectangle([wx, wy, wx + 10, wy + 16], fill=(255, 221, 140))
            x += w + rng.randint(4, 30)
    else:
        for i in range(3):
            base = horizon - 120 + i * 70
            points = [(0, height)] + [(x, base - rng.randint(0, 160)) for x in range(0, width + 200, 200)]
            shade = tuple(min(255, c + i * 18) for c in ground)
            pen.polygon([*points, (width, height)], fill=shade)
    pen.rectangle([0, horizon, width, height], fill=ground)
    if name == "harbour":
        hull = [(500, horizon + 40), (1200, horizon + 40), (1140, horizon + 130), (560, horizon + 130)]
        pen.polygon(hull, fill=(150, 40, 40))
        for i in range(7):  # containers on deck
            colour = rng.choice([(30, 90, 160), (200, 120, 40), (60, 140, 80)])
            pen.rectangle([600 + i * 78, horizon - 20, 670 + i * 78, horizon + 40], fill=colour)
    if name == "river":
        pen.polygon([(0, height), (700, horizon), (900, horizon), (width, height)], fill=(60, 80, 140))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    return out.getvalue()


def make_demo_images(articles):
    """Give each of `articles` that has no lead photo a drawn one. Returns how many were made."""
    made = 0
    for n, article in enumerate(articles):
        if article.lead_image_id:
            continue
        scene = SCENES[n % len(SCENES)]
        name, alt_text, caption, *_, (fx, fy) = scene
        prepared = prepare(SimpleUploadedFile(f"demo-{name}.jpg", draw(scene, seed=n), "image/jpeg"))
        image = Image(
            caption=caption,
            credit=CREDIT,
            alt_text=alt_text,
            copyright_holder="Newsdesk",
            focal_x=fx,
            focal_y=fy,
            source=article.source,
            width=prepared.width,
            height=prepared.height,
        )
        image.file.save(prepared.content.name, prepared.content, save=False)
        image.save()
        type(article).objects.filter(pk=article.pk).update(lead_image=image)
        article.lead_image = image
        made += 1
    return made
