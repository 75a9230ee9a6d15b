"""A Desk chief sees failed admin logins and may unlock an account (django-axes)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_accessattempt", "delete_accessattempt"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("axes")
    models_module = getattr(app_config, "models_module", None)
    app_config.models_module = models_module or True  # historical apps have none
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = models_module
    perms = apps.get_model("auth", "Permission").objects.filter(content_type__app_label="axes", codename__in=CODENAMES)
    for group in apps.get_model("auth", "Group").objects.filter(name="Desk chief"):
        group.permissions.add(*perms)


def revoke(apps, schema_editor):
    perms = apps.get_model("auth", "Permission").objects.filter(content_type__app_label="axes", codename__in=CODENAMES)
    for group in apps.get_model("auth", "Group").objects.filter(name="Desk chief"):
        group.permissions.remove(*perms)


class Migration(migrations.Migration):
    dependencies = [
        ("axes", "0010_accessattemptexpiration"),
        ("articles", "0004_editorial_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
