"""Facilitators and board editors may send a theme or a question to a reflection document."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Facilitators", "Board editors"]


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; this grant needs one now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    add_item = Permission.objects.get(content_type__app_label="reflections", codename="add_item")
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(add_item)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(content_type__app_label="reflections", codename="add_item"):
        for group in permission.group_set.filter(name__in=GROUPS):
            group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [("reflections", "0001_initial"), ("members", "0002_create_groups")]

    operations = [migrations.RunPython(grant, revoke)]
