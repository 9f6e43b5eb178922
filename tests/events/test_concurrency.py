"""Fifty people pressing "Register" at the same moment for ten places."""

from django.test import Client

from events.models import Registration, RegistrationStatus
from tests.concurrency import POSTGRESQL_CONCURRENCY, run_at_once
from tests.events.factories import make_event

pytestmark = POSTGRESQL_CONCURRENCY


def members_signed_in(make_member, count):
    clients = []
    for n in range(count):
        client = Client()
        client.force_login(make_member(f"member{n}@example.org"))
        clients.append(client)
    return clients


def test_fifty_at_once_for_ten_places_give_ten_places_and_forty_waiting_in_arrival_order(make_member):
    event = make_event(capacity=10)
    clients = members_signed_in(make_member, 50)

    statuses, errors = run_at_once(clients, event.url_for("register"), {"attendance_mode": "online"})

    assert (errors, statuses) == ([], [302] * 50)
    registrations = list(Registration.objects.filter(event=event).order_by("position"))
    assert [r.position for r in registrations] == list(range(1, 51))
    # Arrival order is the order each got the event's lock: the first ten have the places.
    assert [r.status for r in registrations] == [RegistrationStatus.REGISTERED] * 10 + [
        RegistrationStatus.WAITLISTED
    ] * 40
    created = [r.created_at for r in registrations]
    assert created == sorted(created)
    assert [r.waitlist_number() for r in registrations[10:]] == list(range(1, 41))
