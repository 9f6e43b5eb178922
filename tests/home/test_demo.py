"""The demo content command: realistic content, one account per role, safe to run twice."""

import subprocess
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.images.models import Image
from wagtail.models import Page, PageLogEntry, Revision

from consultations.models import ConsultationPage
from coproduction.live.models import LiveSession
from coproduction.members.models import User
from home.models import HomePage

pytestmark = pytest.mark.django_db


def consultation_session():
    """The consultation's demo session (the stakeholder event has one of its own)."""
    from consultations.demo import LIVE_SESSION_TITLE

    return LiveSession.objects.get(title=LIVE_SESSION_TITLE)


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
    session = consultation_session()
    assert session.state == "scheduled"
    assert len(session.ordered_agenda()) == 4
    assert session.chairs.filter(email="chair@castlebridge-cil.example").exists()
    assert session.captioners.filter(email="captioner@castlebridge-cil.example").exists()
    live_url = f"{session.host.specific.url}live/{session.pk}/"
    assert f"{live_url}chair/" in out  # the chair's console, for the first browser
    assert "sign in as member@castlebridge-cil.example and open" in out


def test_the_events_live_session_and_remote_seat_steps_are_printed(capsys):
    from events.demo import EVENT_SESSION_TITLE

    call_command("load_demo")
    out = capsys.readouterr().out
    session = LiveSession.objects.get(title=EVENT_SESSION_TITLE)
    event = session.host.specific
    assert event.slug == "getting-about" and event.event_format == "hybrid" and not event.has_ended()
    assert f"{event.url}live/{session.pk}/chair/" in out
    assert f"{event.url}world-cafe/seat/" in out and f"{event.url}world-cafe/remote/" in out
    assert 'press "Start the round"' in out and "send your table a note" in out
    # The member the steps name has a place online, so they may join; someone without one may not.
    assert session.may_join(User.objects.get(email="member@castlebridge-cil.example"))
    assert not session.may_join(User.objects.create_user(email="visitor@example.org", password="x" * 20))


def run_demo_session_to_its_end(session):
    from coproduction.live import services
    from coproduction.live.protocol import CLIENT_MESSAGES

    chair = session.chairs.get()
    captioner = session.captioners.get()
    member = User.objects.get(email="member@castlebridge-cil.example")
    steps = [
        (chair, "start", {}),
        (member, "raise_hand", {"note": "I will type my point"}),
        (member, "ask_question", {"text": "Will the papers come in easy read?"}),
        (member, "signal", {"kind": "slow_down"}),
        (captioner, "caption", {"text": "Good evening, everyone."}),
        (chair, "announce", {"text": "Back in ten minutes"}),
        (chair, "end", {}),
    ]
    for n, (person, action, data) in enumerate(steps):
        services.perform(session.pk, person, CLIENT_MESSAGES[action], f"step-{n}", data)


def test_load_demo_puts_an_ended_demo_session_back_to_scheduled():
    call_command("load_demo")
    session = consultation_session()
    run_demo_session_to_its_end(session)
    call_command("load_demo")
    session.refresh_from_db()
    activity = [
        session.hands.count(),
        session.written_questions.count(),
        session.signals.count(),
        session.captions.count(),
        session.events.count(),
    ]
    assert (session.state, session.last_seq, session.announcement, session.ended_at, activity) == (
        "scheduled",
        0,
        "",
        None,
        [0, 0, 0, 0, 0],
    )


def everything_but_the_demo_session(demo_session):
    from consultations.models import Answer, Response
    from coproduction.live.models import CaptionLine

    other_sessions = LiveSession.objects.exclude(pk=demo_session.pk)
    return {
        "sessions": list(other_sessions.values()),
        "captions": list(CaptionLine.objects.filter(session__in=other_sessions).values()),
        "responses": list(Response.objects.values()),
        "answers": list(Answer.objects.values()),
        "accounts": list(User.objects.values()),
        "pages": snapshot(),
    }


def test_load_demo_leaves_other_sessions_responses_and_accounts_alone():
    from coproduction.live import services
    from coproduction.live.protocol import CLIENT_MESSAGES
    from tests.factories import make_live_session

    call_command("load_demo")
    demo_session = consultation_session()
    chair = demo_session.chairs.get()
    # Another session on the same consultation, planned earlier than the demo's, that has ended.
    other = make_live_session(
        demo_session.host.specific, chair, demo_session.captioners.get(), title="Earlier"
    )
    other.scheduled_start = demo_session.scheduled_start.replace(year=2025)
    other.save()
    for n, action in enumerate(["start", "end"]):
        services.perform(other.pk, chair, CLIENT_MESSAGES[action], f"other-{n}", {})
    run_demo_session_to_its_end(demo_session)
    before = everything_but_the_demo_session(demo_session)
    call_command("load_demo")
    assert everything_but_the_demo_session(demo_session) == before


def test_load_demo_prints_links_with_the_host_and_port_it_is_given(capsys):
    call_command("load_demo", "--host", "192.0.2.10", "--port", "8123")
    out = capsys.readouterr().out
    session = consultation_session()
    url = f"http://192.0.2.10:8123/consultations/taking-part-in-board-meetings/live/{session.pk}/"
    assert f"open {url}chair/ and press" in out


def test_load_demo_links_to_this_machine_when_served_on_every_address(capsys):
    call_command("load_demo", "--host", "0.0.0.0", "--port", "9000")  # noqa: S104
    out = capsys.readouterr().out
    session = consultation_session()
    assert (
        f"http://127.0.0.1:9000/consultations/taking-part-in-board-meetings/live/{session.pk}/chair/" in out
    )


def test_make_run_gives_load_demo_the_host_and_port_it_serves_on():
    root = Path(__file__).resolve().parents[2]
    dry_run = subprocess.run(
        ["make", "--dry-run", "run", "HOST=192.0.2.10", "PORT=8123"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    commands = dry_run.stdout.splitlines()
    assert any(c.endswith("manage.py load_demo --host 192.0.2.10 --port 8123") for c in commands), commands


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


def test_load_demo_runs_each_module_in_demo_modules_with_what_the_earlier_ones_made(settings, capsys):
    settings.DEMO_MODULES = ["home.demo", "tests.home.demo_module"]
    call_command("load_demo")
    out = capsys.readouterr().out
    assert (
        "The test demo module was given the home page \u201cCastlebridge Centre for Independent Living\u201d."
        in out
    )


def test_load_demo_with_home_alone_makes_no_consultations(settings):
    settings.DEMO_MODULES = ["home.demo"]
    call_command("load_demo")
    assert not ConsultationPage.objects.exists()


def test_load_demo_without_a_live_session_prints_no_steps_to_try_one(settings, capsys):
    settings.DEMO_MODULES = ["home.demo"]
    call_command("load_demo")
    assert "Try the live session" not in capsys.readouterr().out
