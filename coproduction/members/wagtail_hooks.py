"""Wagtail admin: offer the members' own permissions when editing a group."""

from django.contrib.auth.models import Permission
from wagtail import hooks


@hooks.register("register_permissions")
def communication_needs_permission():
    """Lets an administrator give `view_communication_needs` to a group (no group has it at first)."""
    return Permission.objects.filter(content_type__app_label="members", codename="view_communication_needs")
