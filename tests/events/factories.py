"""Builders for events tests: each test makes only the event, café or people it needs."""

from datetime import timedelta

from django.utils import timezone

from events.harvest import store_contribution
from events.models import (
    CafeRound,
    CafeTable,
    EventFormat,
    EventIndexPage,
    EventPage,
    Venue,
    WorldCafePage,
)
from tests.factories import index_page


def make_venue(name="Weaver's Hall", **fields):
    fields.setdefault("address", "3 Mill Lane\nCastlebridge\nCB1 4QT")
    fields.setdefault("directions", "From the bus station, turn left and follow the canal for 200 metres.")
    fields.setdefault("step_free_route", "A ramp at the side door on Mill Lane.")
    fields.setdefault("accessible_toilet", True)
    fields.setdefault("hearing_loop", True)
    venue, _ = Venue.objects.get_or_create(name=name, defaults=fields)
    return venue


def events_index():
    return index_page(EventIndexPage, "Events", "events")


def make_event(title="How should the Board hear from you?", starts_in=timedelta(days=14), hours=3, **fields):
    """A published event starting `starts_in` from now; registration closes a day before."""
    starts = fields.pop("starts_at", None) or timezone.now() + starts_in
    fields.setdefault(
        "summary", "An afternoon to plan how groups and residents take part in the Board's work."
    )
    fields.setdefault("who_it_is_for", "Everyone who lives or works in Castlebridge.")
    fields.setdefault("event_format", EventFormat.HYBRID)
    fields.setdefault("capacity", 30)
    fields.setdefault("contact_email", "events@castlebridge-cil.example")
    fields.setdefault("registration_deadline", starts - timedelta(days=1))
    fields.setdefault("joining_link", "https://meet.example.org/castlebridge-board-4471")
    fields.setdefault("access_provided", ["bsl", "captions", "breaks", "supporter_place"])
    if fields["event_format"] != EventFormat.ONLINE and "venue" not in fields:
        fields["venue"] = make_venue()
    page = EventPage(
        title=title,
        starts_at=starts,
        ends_at=fields.pop("ends_at", None) or starts + timedelta(hours=hours),
        **fields,
    )
    events_index().add_child(instance=page)
    page.save_revision().publish()
    return EventPage.objects.get(pk=page.pk)


def make_world_cafe(event=None, tables=("Table 1", "Table 2", "Table 3"), rounds=None, hosts=(), **fields):
    """A World Café under an event; `hosts` gives each table's host in order."""
    event = event or make_event(starts_in=timedelta(days=-1))
    rounds = rounds or ["What gets in the way?", "What would help?", "What should the Board do first?"]
    fields.setdefault("intro", "Three conversations about taking part in the Board's work.")
    fields.setdefault("instructions", "<p>Each round lasts 20 minutes. Hosts stay at their table.</p>")
    fields.setdefault("easy_read_instructions", "We talk in small groups.\nEach talk is 20 minutes.")
    cafe = WorldCafePage(title=fields.pop("title", "World Café"), **fields)
    cafe.rounds = [CafeRound(question=q, sort_order=i) for i, q in enumerate(rounds)]
    cafe.tables = [
        CafeTable(name=name, sort_order=i, host=hosts[i] if i < len(hosts) else None)
        for i, name in enumerate(tables)
    ]
    event.add_child(instance=cafe)
    cafe.save_revision().publish()
    return WorldCafePage.objects.get(pk=cafe.pk)


def make_world_cafe_with_a_contribution(host, text="Late papers"):
    """A World Café whose first table `host` hosts, with one contribution they recorded."""
    cafe = make_world_cafe(hosts=[host])
    table, cafe_round = cafe.ordered_tables()[0], cafe.ordered_rounds()[0]
    store_contribution(cafe, table=table, round=cafe_round, text=text, recorded_by=host)
    return cafe
