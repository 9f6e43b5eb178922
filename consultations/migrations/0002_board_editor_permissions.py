"""Give board editors what they need to run consultations and analyse answers."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

BOARD_EDITOR_PERMISSIONS = [
    ("consultations", "view_live_results"),
    ("consultations", "export_responses"),
    ("consultations", "enter_supported_response"),
    ("consultations", "moderate_answers"),
    ("consultations", "view_respondent_identity"),
    ("consultations", "add_board"),
    ("consultations", "change_board"),
    ("consultations", "view_board"),
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("consultations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Board editors")
    for app_label, codename in BOARD_EDITOR_PERMISSIONS:
        editors.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name="Board editors").first()
    if editors:
        for app_label, codename in BOARD_EDITOR_PERMISSIONS:
            editors.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_initial"),
        ("members", "0002_create_groups"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
