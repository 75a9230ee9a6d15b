"""Time making one photo's renditions, at two WebP effort levels.

    DEBUG=1 .venv/bin/python bench/photos_renditions.py

Draws a 2400x1600 demo scene (photographic noise added, as a camera's would be),
stores it in a throwaway MEDIA_ROOT and reports seconds and bytes per run.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.storage import storages  # noqa: E402
from PIL import Image as PILImage  # noqa: E402

from photos import renditions  # noqa: E402


class StoredFile:
    def __init__(self, storage, name):
        self.storage, self.name = storage, name

    def open(self, mode="rb"):
        return self.storage.open(self.name, mode)


class Photo:
    """Just what renditions.generate needs, so no database is involved."""

    def __init__(self, file, width, height):
        self.file, self.width, self.height = file, width, height
        self.pk, self.focal_x, self.focal_y = 1, 50, 40


def main():
    with tempfile.TemporaryDirectory() as media:
        settings.MEDIA_ROOT = media
        storage = storages.create_storage({"BACKEND": "django.core.files.storage.FileSystemStorage"})
        noise = PILImage.effect_noise((2400, 1600), 24).convert("RGB")
        scene = PILImage.blend(PILImage.new("RGB", (2400, 1600), (90, 140, 200)), noise, 0.3)
        path = Path(media) / "bench.jpg"
        scene.save(path, "JPEG", quality=90)
        for method in (4, 2):
            renditions.FORMATS["webp"][2]["method"] = method
            for run in range(3):
                for sub in Path(media, "renditions").glob("**/*"):
                    if sub.is_file():
                        sub.unlink()
                photo = Photo(StoredFile(storage, "bench.jpg"), 2400, 1600)
                started = time.perf_counter()
                made = renditions.generate(photo)
                seconds = time.perf_counter() - started
                webp = sum(size for name, size in made.items() if name.endswith(".webp"))
                print(f"webp method {method}, run {run + 1}: {len(made)} files in {seconds:.2f}s, webp {webp:,} bytes")


if __name__ == "__main__":
    main()
