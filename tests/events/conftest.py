"""Fixtures shared by the events tests."""

from datetime import timedelta

import pytest

from events import services
from events.models import EventFormat
from tests.events.factories import make_event, make_world_cafe
from tests.factories import make_live_session


@pytest.fixture
def cafe_live(make_member):
    """A hybrid event with a World Café of 3 tables (hosts 0 and 1) and a live session, started;
    two members with a place online, and a facilitator."""
    event = make_event(event_format=EventFormat.HYBRID, starts_in=timedelta(days=2))
    hosts = [make_member(f"host{n}@example.org", display_name=f"Host {n}") for n in (1, 2)]
    cafe = make_world_cafe(event, hosts=hosts)
    chair = make_member("chair@example.org", display_name="Cllr Osei")
    session = make_live_session(event, chair)
    session.state = "live"
    session.save()
    sender = make_member("sender@example.org", display_name="Joan")
    other = make_member("other@example.org", display_name="Sam")
    for person in (sender, other):
        services.register(event, person, {"attendance_mode": "online"})
    facilitator = make_member("facilitator@example.org", display_name="Tomasz", groups=["Facilitators"])
    return {
        "event": event,
        "cafe": cafe,
        "session": session,
        "hosts": hosts,
        "sender": sender,
        "other": other,
        "facilitator": facilitator,
        "tables": cafe.ordered_tables(),
        "rounds": cafe.ordered_rounds(),
    }
