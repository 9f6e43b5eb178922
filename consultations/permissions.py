"""Board editors edit every consultation, whoever started it.

Migration 0008 grants it on the consultations indexes that existed then; this grants it
on each index made later (in the admin, or by load_demo).
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

BOARD_EDITORS = "Board editors"


def let_board_editors_edit_consultations(sender, instance, created, raw=False, **kwargs):
    """post_save of a ConsultationIndexPage: Board editors may edit every page under it."""
    if not created or raw:
        return
    group = Group.objects.filter(name=BOARD_EDITORS).first()
    if group is None:
        return
    change_page = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
    GroupPagePermission.objects.get_or_create(group=group, page=instance, permission=change_page)
