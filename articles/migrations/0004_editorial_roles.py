"""The desk's three roles as groups. Permissions are created here (Django
normally makes them after all migrations) so the groups can hold them.

A model added later needs its permissions added to these groups by its own
migration; `python manage.py setup_desk` does not touch groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REPORTER = {
    "articles": [
        "add_article",
        "change_article",
        "view_article",
        "add_articlebyline",
        "change_articlebyline",
        "delete_articlebyline",
        "view_articlebyline",
        "view_byline",
        "view_source",
        "view_correction",
    ],
    "taggit": ["view_tag"],
    "photos": ["add_image", "change_image", "view_image"],
    "wire": ["view_provenance", "view_ingestlog"],
}
EDITOR = {
    "articles": [
        *REPORTER["articles"],
        "publish_article",
        "correct_article",
        "withdraw_article",
        "add_correction",
        "change_correction",
        "add_ticker",
        "change_ticker",
        "view_ticker",
        "add_tickerentry",
        "change_tickerentry",
        "delete_tickerentry",
        "view_tickerentry",
    ],
    "taggit": ["view_tag", "add_tag", "change_tag"],
    "photos": ["add_image", "change_image", "view_image", "delete_image"],
    "wire": ["view_provenance", "view_ingestlog"],
}
DESK_CHIEF = {
    "articles": "__all__",  # everything in the app, with sources, bylines, embargo lifts and restores
    "taggit": "__all__",
    "photos": "__all__",
    "wire": "__all__",
}
ROLES = {"Reporter": REPORTER, "Editor": EDITOR, "Desk chief": DESK_CHIEF}


def make_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True  # historical apps have none
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, grants in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codenames in grants.items():
            perms = Permission.objects.filter(content_type__app_label=app_label)
            if codenames != "__all__":
                perms = perms.filter(codename__in=codenames)
            group.permissions.add(*perms)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_editorial_workflow"),
        ("photos", "0001_initial"),
        ("wire", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(make_roles, remove_roles)]
