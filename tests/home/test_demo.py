"""The demo content command: realistic content, one account per role, safe to run twice."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.images.models import Image
from wagtail.models import Page, PageLogEntry, Revision

from consultations.models import LiveSession
from coproduction.members.models import User
from home.models import HomePage

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


def test_demo_live_session_is_ready_to_try_and_its_steps_are_printed(capsys):
    call_command("load_demo")
    out = capsys.readouterr().out
    session = LiveSession.objects.get()
    assert session.state == "scheduled"
    assert len(session.ordered_agenda()) == 4
    assert session.chairs.filter(email="chair@castlebridge-cil.example").exists()
    assert session.captioners.filter(email="captioner@castlebridge-cil.example").exists()
    live_url = f"{session.consultation.url}live/{session.pk}/"
    assert f"{live_url}chair/" in out  # the chair's console, for the first browser
    assert "sign in as member@castlebridge-cil.example and open" in out


def test_the_demo_home_page_mentions_no_events_before_there_are_any(client):
    call_command("load_demo")
    assert "event" not in HomePage.objects.get().intro.lower()


# The introduction the first release's demo wrote.
FIRST_DEMO_HOME_INTRO = (
    "<p>We are a charity run by disabled people in Castlebridge. We support around 2,000 "
    "people each year to plan their own support, manage Direct Payments and have a say in "
    "the services they use.</p>"
    "<p>On this site you can find our events, answer consultations from the Castlebridge "
    "Health and Wellbeing Board, join live sessions from home, and see what changed because "
    "of what people told us.</p>"
)


def test_load_demo_replaces_a_home_introduction_an_older_demo_wrote(client):
    call_command("load_demo")
    HomePage.objects.update(intro=FIRST_DEMO_HOME_INTRO)
    call_command("load_demo")
    assert "find our events" not in client.get("/").content.decode()


def test_load_demo_keeps_a_home_introduction_the_organisation_wrote():
    call_command("load_demo")
    home = HomePage.objects.get()
    home.intro = "<p>Our own words about our centre.</p>"
    home.save_revision().publish()
    call_command("load_demo")
    assert HomePage.objects.get().intro == "<p>Our own words about our centre.</p>"
