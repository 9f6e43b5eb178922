"""The events demo: the stakeholder event with its published World Café, an open online event,
and an upcoming hybrid event whose World Café has remote seats in its live session."""

import pytest
from django.test import Client

from events.models import CafeTheme, Contribution, EventFormat, EventPage, WorldCafePage

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_published_world_cafe_of_three_rounds_at_six_tables(demo):
    cafe = WorldCafePage.objects.child_of(EventPage.objects.get(slug="having-your-say")).get()
    assert (len(cafe.ordered_rounds()), len(cafe.ordered_tables())) == (3, 6)
    assert Contribution.objects.filter(page=cafe).count() == 40
    assert CafeTheme.objects.filter(page=cafe).count() == 5
    assert all(c.themes.exists() for c in Contribution.objects.filter(page=cafe))
    assert cafe.harvest_is_published()
    page = Client().get(cafe.url_for("harvest_output"))
    assert page.status_code == 200 and "Papers people can read" in page.content.decode()
    assert cafe.get_parent().specific.event_format == EventFormat.HYBRID


def test_the_demo_has_an_upcoming_online_and_an_upcoming_hybrid_event_open_for_registration(demo):
    upcoming = {e.event_format: e for e in EventPage.objects.live() if not e.has_ended()}
    assert sorted(upcoming) == [EventFormat.HYBRID, EventFormat.ONLINE]
    assert all(e.registration_is_open() for e in upcoming.values())
    listed = Client().get("/events/?topic=information-and-papers").context["events"]
    assert [e.title for e in listed] == [upcoming[EventFormat.ONLINE].title]
    home = Client().get("/").content.decode()
    assert "What\u2019s on" in home and all(e.title in home for e in upcoming.values())


def test_the_upcoming_hybrid_events_world_cafe_has_remote_seats_in_its_live_session(demo):
    from coproduction.live.models import LiveSession
    from coproduction.members.models import User

    event = EventPage.objects.get(slug="getting-about")
    cafe = WorldCafePage.objects.child_of(event).get()
    assert (len(cafe.ordered_rounds()), len(cafe.ordered_tables())) == (3, 4)
    assert all(table.host for table in cafe.ordered_tables())
    assert not Contribution.objects.filter(page=cafe).exists()  # nothing harvested before it happens
    session = LiveSession.objects.get(host=event)
    member = User.objects.get(email="member@castlebridge-cil.example")
    assert session.may_join(member)
    page = Client()
    page.force_login(member)
    assert "Take a remote seat" in page.get(cafe.url_for("remote_seat")).content.decode()


def test_loading_the_demo_again_adds_nothing(demo):
    from home.management.commands.load_demo import load_demo_modules

    counts = (EventPage.objects.count(), Contribution.objects.count(), CafeTheme.objects.count())
    load_demo_modules(log=lambda message: None)
    assert (EventPage.objects.count(), Contribution.objects.count(), CafeTheme.objects.count()) == counts
