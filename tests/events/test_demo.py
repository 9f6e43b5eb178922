"""The events demo: the stakeholder event with its published World Café, and an open online event."""

import pytest
from django.test import Client

from events.models import CafeTheme, Contribution, EventFormat, EventPage, WorldCafePage

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_published_world_cafe_of_three_rounds_at_six_tables(demo):
    cafe = WorldCafePage.objects.get()
    assert (len(cafe.ordered_rounds()), len(cafe.ordered_tables())) == (3, 6)
    assert Contribution.objects.filter(page=cafe).count() == 40
    assert CafeTheme.objects.filter(page=cafe).count() == 5
    assert all(c.themes.exists() for c in Contribution.objects.filter(page=cafe))
    assert cafe.harvest_is_published()
    page = Client().get(cafe.url_for("harvest_output"))
    assert page.status_code == 200 and "Papers people can read" in page.content.decode()
    assert cafe.get_parent().specific.event_format == EventFormat.HYBRID


def test_the_demo_has_an_upcoming_online_event_open_for_registration(demo):
    upcoming = [e for e in EventPage.objects.live() if not e.has_ended()]
    assert [(e.event_format, e.registration_is_open()) for e in upcoming] == [(EventFormat.ONLINE, True)]
    listed = Client().get("/events/?topic=information-and-papers").context["events"]
    assert [e.title for e in listed] == [upcoming[0].title]
    home = Client().get("/").content.decode()
    assert "What\u2019s on" in home and upcoming[0].title in home


def test_loading_the_demo_again_adds_nothing(demo):
    from home.management.commands.load_demo import load_demo_modules

    counts = (EventPage.objects.count(), Contribution.objects.count(), CafeTheme.objects.count())
    load_demo_modules(log=lambda message: None)
    assert (EventPage.objects.count(), Contribution.objects.count(), CafeTheme.objects.count()) == counts
