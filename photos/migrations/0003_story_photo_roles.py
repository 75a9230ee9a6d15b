"""The desk's role groups (articles 0004) may place photos in stories: every role
adds, changes, removes and sees them, as they do the story's bylines."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["add_storyphoto", "change_storyphoto", "delete_storyphoto", "view_storyphoto"]
ROLES = ["Reporter", "Editor", "Desk chief"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("photos")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True  # historical apps have none
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="photos", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.add(*perms)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    perms = Permission.objects.filter(content_type__app_label="photos", codename__in=CODENAMES)
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("photos", "0002_story_photo"),
        ("articles", "0004_editorial_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
