"""Board editors and facilitators set up live sessions in the Wagtail admin."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Board editors", "Facilitators"]
CODENAMES = ["add_livesession", "change_livesession", "view_livesession"]


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
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="consultations", codename__in=CODENAMES)
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [("consultations", "0003_agendaitem_livesession_captionline_and_more")]

    operations = [migrations.RunPython(grant, revoke)]
