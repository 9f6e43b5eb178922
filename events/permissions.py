"""Organisers edit every event, whoever started it.

Migration 0002 grants it on the events indexes that existed then; this grants it on
each index made later (in the admin, or by load_demo).
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

# The roles that organise events: they edit and publish event and World Café pages.
ORGANISER_PAGE_PERMISSIONS = {
    "Board editors": ["add_page", "change_page", "publish_page"],
    "Facilitators": ["add_page", "change_page", "publish_page"],
}


def let_organisers_edit_events(sender, instance, created, raw=False, **kwargs):
    """post_save of an EventIndexPage: organisers may add, edit and publish every page under it."""
    if not created or raw:
        return
    for name, codenames in ORGANISER_PAGE_PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for codename in codenames:
            permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
            GroupPagePermission.objects.get_or_create(group=group, page=instance, permission=permission)
