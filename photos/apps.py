from django.apps import AppConfig


class PhotosConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "photos"

    def ready(self):
        from django.conf import settings
        from PIL import Image

        # Pillow's own decompression-bomb guard, bound to our limit for every
        # use of Pillow in this process (it warns above it and refuses above 2x).
        Image.MAX_IMAGE_PIXELS = settings.PHOTOS_MAX_PIXELS

        from . import signals  # noqa: F401 -- connects the file clean-up on delete
