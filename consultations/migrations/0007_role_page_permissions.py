"""Give the roles the Wagtail page and collection permissions their work needs.

Board editors build consultations in the Wagtail editor: they add pages anywhere the
page types allow and edit the pages they added (`add` on the root page), publish them
(`publish`), and edit every consultation, whoever started it (`change` on each
consultations index; consultations/permissions.py grants it on indexes made later).
Board editors and facilitators upload and choose images and documents (Wagtail checks
these per collection, so a group permission alone does nothing). Facilitators set up
live sessions, which are snippets (migration 0004); events will bring their own pages.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROOT_PAGE_PERMISSIONS = {"Board editors": ["add_page", "publish_page"]}
INDEX_PAGE_PERMISSIONS = {"Board editors": ["change_page"]}
ROOT_COLLECTION_PERMISSIONS = {
    "Board editors": [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ],
    "Facilitators": [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
    ],
}


def _permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant(apps, schema_editor):
    # Permissions are normally made after all migrations; these grants need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ConsultationIndexPage = apps.get_model("consultations", "ConsultationIndexPage")

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    for name, codenames in ROOT_PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=_permission(apps, "wagtailcore", codename)
            )
    for name, codenames in INDEX_PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for index in ConsultationIndexPage.objects.all():
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=group, page_id=index.pk, permission=_permission(apps, "wagtailcore", codename)
                )
    for name, permissions in ROOT_COLLECTION_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=_permission(apps, app_label, codename)
            )


def revoke(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for name, codenames in ROOT_PAGE_PERMISSIONS.items():
        GroupPagePermission.objects.filter(
            group__name=name, page__depth=1, permission__codename__in=codenames
        ).delete()
    for name, codenames in INDEX_PAGE_PERMISSIONS.items():
        GroupPagePermission.objects.filter(
            group__name=name,
            page__content_type__app_label="consultations",
            page__content_type__model="consultationindexpage",
            permission__codename__in=codenames,
        ).delete()
    for name, permissions in ROOT_COLLECTION_PERMISSIONS.items():
        GroupCollectionPermission.objects.filter(
            group__name=name,
            collection__depth=1,
            permission__codename__in=[codename for _app_label, codename in permissions],
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0006_livepages"),
        ("members", "0002_create_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
