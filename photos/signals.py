from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from . import renditions
from .models import Image


@receiver(post_delete, sender=Image)
def delete_files(sender, instance, **kwargs):
    """A deleted photo takes its file and every rendition with it, once the deletion is committed."""

    storage, name, folder = instance.file.storage, instance.file.name, renditions.folder_of(instance)

    def remove():
        renditions.remove_tree(storage, folder)
        if name:
            storage.delete(name)

    transaction.on_commit(remove)
