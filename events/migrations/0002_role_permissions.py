"""Give the roles that organise events what their work needs.

Facilitators and Board editors organise events: they see attendee lists and the summary
of access requirements to plan for, mark attendance, export payments owed, keep the
venues and topics, and add, edit and publish event pages (`change_page` and friends on
each events index; events/permissions.py grants them on indexes made later).

Access requirement details are health information. Facilitators arrange the access for
each person (interpreters, seating, a quiet room), so they hold
`view_access_requirements`; Board editors see the counts only, unless an administrator
gives their group the permission in the Wagtail admin. Facilitators also run the World
Café harvest at any table, tag themes and publish the harvest (`manage_harvest`).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_PERMISSIONS = {
    "Facilitators": [
        "manage_attendees",
        "view_access_requirements",
        "manage_harvest",
        "add_venue",
        "change_venue",
        "view_venue",
        "add_topic",
        "change_topic",
        "view_topic",
    ],
    "Board editors": [
        "manage_attendees",
        "add_venue",
        "change_venue",
        "view_venue",
        "add_topic",
        "change_topic",
        "view_topic",
    ],
}
INDEX_PAGE_PERMISSIONS = {
    "Board editors": ["add_page", "change_page", "publish_page"],
    "Facilitators": ["add_page", "change_page", "publish_page"],
}


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; these grants need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    EventIndexPage = apps.get_model("events", "EventIndexPage")
    for name, codenames in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for codename in codenames:
            group.permissions.add(Permission.objects.get(content_type__app_label="events", codename=codename))
    for name, codenames in INDEX_PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for index in EventIndexPage.objects.all():
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group,
                    page_id=index.pk,
                    permission=Permission.objects.get(
                        content_type__app_label="wagtailcore", codename=codename
                    ),
                )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for name, codenames in GROUP_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="events", codename__in=codenames)
            )
    GroupPagePermission.objects.filter(
        group__name__in=list(INDEX_PAGE_PERMISSIONS),
        page__content_type__app_label="events",
        page__content_type__model="eventindexpage",
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("members", "0002_create_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
