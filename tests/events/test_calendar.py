"""Calendar files: one event and the feed are valid iCalendar, at the right UK time on both
sides of a clock change, and the joining link goes only to people with a place."""

import zoneinfo
from datetime import datetime, timedelta

import pytest
from django.test import Client
from icalendar import Calendar

from events import services
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")
LINK = "https://meet.example.org/castlebridge-board-4471"


def parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def local_time(value):
    return value.astimezone(LONDON).replace(tzinfo=None)


def test_times_stay_right_on_both_sides_of_the_uk_clock_change(settings):
    # The clocks go back at 2am on Sunday 31 October 2027: 10am before is BST, 10am after is GMT.
    before = make_event(
        title="Before the clocks go back",
        starts_at=datetime(2027, 10, 30, 10, 0, tzinfo=LONDON),
        registration_deadline=datetime(2027, 10, 29, 17, 0, tzinfo=LONDON),
    )
    after = make_event(
        title="After the clocks go back",
        starts_at=datetime(2027, 11, 1, 10, 0, tzinfo=LONDON),
        registration_deadline=datetime(2027, 10, 29, 17, 0, tzinfo=LONDON),
    )

    for event, utc_hour in ((before, 9), (after, 10)):
        (vevent,) = parse(Client().get(event.url_for("event_ics"))).walk("VEVENT")
        start = vevent.decoded("DTSTART")
        assert local_time(start) == datetime(start.year, start.month, start.day, 10, 0)
        assert start.astimezone(zoneinfo.ZoneInfo("UTC")).hour == utc_hour
        assert vevent.decoded("DTEND") - start == timedelta(hours=3)

    feed = parse(Client().get(before.get_parent().specific.url_for("calendar_feed")))
    starts = {str(v["SUMMARY"]): v.decoded("DTSTART") for v in feed.walk("VEVENT")}
    assert {title: local_time(start).hour for title, start in starts.items()} == {
        "Before the clocks go back": 10,
        "After the clocks go back": 10,
    }
    utc = zoneinfo.ZoneInfo("UTC")
    gap = starts["After the clocks go back"].astimezone(utc) - starts["Before the clocks go back"].astimezone(
        utc
    )
    assert gap == timedelta(days=2, hours=1)
    # The zone's rules travel with the file, so calendars that read TZID agree.
    assert [str(tz["TZID"]) for tz in feed.walk("VTIMEZONE")] == ["Europe/London"]


def test_the_joining_link_is_only_in_the_ics_of_someone_with_a_place(make_member):
    event = make_event(joining_link=LINK, capacity=1)
    registered = make_member("registered@example.org")
    waiting = make_member("waiting@example.org")
    services.register(event, registered, {"attendance_mode": "online"})
    services.register(event, waiting, {"attendance_mode": "online"})

    def ics_for(member=None):
        client = Client()
        if member:
            client.force_login(member)
        (vevent,) = parse(client.get(event.url_for("event_ics"))).walk("VEVENT")
        return str(vevent["DESCRIPTION"])

    assert LINK in ics_for(registered)
    assert LINK not in ics_for(waiting)
    assert LINK not in ics_for(make_member("stranger@example.org"))
    assert LINK not in ics_for()
    feed = parse(Client().get(event.get_parent().specific.url_for("calendar_feed")))
    (vevent,) = feed.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == event.title and LINK not in vevent.to_ical().decode().replace(
        "\r\n ", ""
    )


def test_the_joining_link_is_on_the_event_page_only_for_someone_with_a_place(make_member):
    event = make_event(joining_link=LINK)
    member = make_member()
    client = Client()
    client.force_login(member)
    assert LINK not in client.get(event.url).content.decode()
    services.register(event, member, {"attendance_mode": "online"})
    assert LINK in client.get(event.url).content.decode()
