"""Board editors and facilitators tie agenda items to consultation questions in the admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Board editors", "Facilitators"]
CODENAMES = ["add_agendaquestion", "change_agendaquestion", "delete_agendaquestion", "view_agendaquestion"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("consultations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="consultations", codename__in=CODENAMES)
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="consultations", codename__in=CODENAMES).delete()


class Migration(migrations.Migration):
    dependencies = [("consultations", "0009_remove_the_old_live_tables")]

    operations = [migrations.RunPython(grant, revoke)]
