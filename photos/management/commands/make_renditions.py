from django.core.management.base import BaseCommand

from photos import renditions
from photos.models import Image


class Command(BaseCommand):
    help = "Make any missing photo renditions (after a restore, or a change to the widths). Existing files are kept."

    def handle(self, *args, **options):
        total = 0
        for image in Image.objects.exclude(file="").iterator():
            made = renditions.generate(image)
            if made:
                Image.objects.filter(pk=image.pk).update(rendition_bytes={**image.rendition_bytes, **made})
            total += len(made)
        self.stdout.write(self.style.SUCCESS(f"Made {total} renditions."))
