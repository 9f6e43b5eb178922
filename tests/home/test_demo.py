"""The demo content command: realistic content, one account per role, safe to run twice."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.images.models import Image
from wagtail.models import Page, PageLogEntry, Revision

from coproduction.members.models import User

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "logs": PageLogEntry.objects.count(),
        "users": User.objects.count(),
        "images": Image.objects.count(),
        "passwords": sorted(User.objects.values_list("password", flat=True)),
    }


def test_load_demo_twice_changes_nothing(capsys):
    call_command("load_demo")
    first = snapshot()
    call_command("load_demo")
    assert snapshot() == first
    out = capsys.readouterr().out
    assert "member@castlebridge-cil.example" in out


def test_demo_has_an_account_for_every_role():
    call_command("load_demo")
    for group in ("Members", "Advisory group", "Board editors", "Facilitators", "Chairs", "Captioners"):
        assert User.objects.filter(groups__name=group).exists(), group
    assert User.objects.filter(is_superuser=True).exists()


def test_load_demo_refuses_where_demo_content_is_not_allowed(settings):
    settings.DEMO_CONTENT_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("load_demo")
    assert not User.objects.exists()


def test_groups_come_with_their_permissions():
    editors = Group.objects.get(name="Board editors")
    assert editors.permissions.filter(codename="access_admin").exists()
    members = Group.objects.get(name="Members")
    assert not members.permissions.filter(codename="access_admin").exists()
