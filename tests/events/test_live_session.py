"""An event hosts a live session: who may join, over a real WebSocket, and the engine's main
flow (hands, captions, written questions) with an event as the host."""

import pytest
from asgiref.sync import sync_to_async

from events import services
from events.models import EventFormat
from tests.events.factories import make_event
from tests.factories import make_live_session, signed_in
from tests.live.helpers import LiveClient, joined

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def place(event, member, mode="online"):
    return services.register(event, member, {"attendance_mode": mode})


@pytest.fixture
def event_live(make_member):
    """A hybrid event with a live session that has started, its chair and captioner."""
    event = make_event(event_format=EventFormat.HYBRID, capacity=3)
    chair = make_member("chair@example.org", display_name="Cllr Osei")
    captioner = make_member("captioner@example.org", display_name="Ruth")
    session = make_live_session(event, chair, captioner, started=True)
    return {"event": event, "session": session, "chair": chair, "captioner": captioner}


async def test_only_people_with_a_place_online_may_join_the_events_session(event_live, make_member):
    event, session = event_live["event"], event_live["session"]

    @sync_to_async
    def people():
        online = make_member("online@example.org")
        in_person = make_member("inperson@example.org")
        cancelled = make_member("cancelled@example.org")
        waiting = make_member("waiting@example.org")
        stranger = make_member("stranger@example.org")
        place(event, online)
        place(event, in_person, mode="in_person")
        services.cancel(place(event, cancelled))
        place(event, make_member("third@example.org"))  # the last of the 3 places
        assert place(event, waiting).status == "waitlisted"
        return online, [stranger, waiting, in_person, cancelled]

    online, refused = await people()
    for person in refused:
        assert await LiveClient(session, person).refused() == 4403, person.email
    client = await joined(session, online)
    assert (await client.action("raise_hand"))["type"] == "ack"
    await client.close()


async def test_the_chair_and_captioner_join_without_registering(event_live):
    for person in (event_live["chair"], event_live["captioner"]):
        client = await joined(event_live["session"], person)
        await client.close()


async def test_cancelling_a_registration_closes_that_persons_socket_at_once(event_live, make_member):
    event, session = event_live["event"], event_live["session"]
    leaving, staying = (
        await sync_to_async(make_member)("leaving@example.org"),
        await sync_to_async(make_member)("staying@example.org"),
    )
    registration = await sync_to_async(place)(event, leaving)
    await sync_to_async(place)(event, staying)
    gone, kept = await joined(session, leaving), await joined(session, staying)
    await sync_to_async(services.cancel)(registration)
    assert await gone.closed() == 4403
    assert (await kept.action("raise_hand"))["type"] == "ack"
    await kept.close()


async def test_changing_to_in_person_closes_the_socket(event_live, make_member):
    event, session = event_live["event"], event_live["session"]
    member = await sync_to_async(make_member)("changing@example.org")
    registration = await sync_to_async(place)(event, member)
    client = await joined(session, member)
    await sync_to_async(services.change)(registration, {"attendance_mode": "in_person"})
    assert await client.closed() == 4403


async def test_hands_captions_and_written_questions_work_with_an_event_as_host(event_live, make_member):
    event, session = event_live["event"], event_live["session"]

    @sync_to_async
    def attendees():
        people = [make_member(f"a{n}@example.org", display_name=f"Attendee {n}") for n in (1, 2)]
        for person in people:
            place(event, person)
        return people

    first, second = await attendees()
    members = [await joined(session, first), await joined(session, second)]
    chair = await joined(session, event_live["chair"])
    captioner = await joined(session, event_live["captioner"])

    hand = (await members[1].action("raise_hand", note="I will type my point"))["result"]["hand_id"]
    chair_queue = await chair.receive_until(lambda m: m["type"] == "chair_queue" and m["hands"])
    assert [(h["name"], h["note"]) for h in chair_queue["hands"]] == [("Attendee 2", "I will type my point")]
    assert (await chair.action("give_floor", hand_id=hand))["type"] == "ack"
    assert (await members[1].receive_type("floor"))["hand_id"] == hand

    assert (await captioner.action("caption", text="Welcome, everyone online."))["type"] == "ack"
    for member in members:
        caption = await member.receive_type("caption")
        assert caption["line"]["text"] == "Welcome, everyone online."

    await members[0].action("ask_question", text="Will the slides be sent in large print?")
    received = await chair.receive_type("question_received")
    assert received["question"]["text"] == "Will the slides be sent in large print?"
    # Written questions go to the chair, not to the other attendees.
    assert not [m for m in await members[1].collect(0.3) if m["type"] == "question_received"]
    for client in members + [chair, captioner]:
        await client.close()


async def test_an_in_person_events_session_admits_only_its_chair(make_member):
    @sync_to_async
    def in_person_session():
        event = make_event(event_format=EventFormat.IN_PERSON)
        chair = make_member("chair@example.org")
        member = make_member("member@example.org")
        place(event, member, mode="in_person")
        return make_live_session(event, chair), chair, member

    session, chair, member = await in_person_session()
    assert await LiveClient(session, member).refused() == 4403
    client = await joined(session, chair)
    await client.close()


@pytest.mark.parametrize("others", [1, 12])
def test_the_event_page_with_a_live_session_costs_the_same_queries_however_many_registered(
    others, make_member, django_assert_num_queries
):

    event = make_event(event_format=EventFormat.HYBRID, capacity=20)
    make_live_session(event, make_member("chair@example.org"))
    for n in range(others):
        place(event, make_member(f"other{n}@example.org"))
    member = make_member("online@example.org")
    place(event, member)
    client = signed_in(member)
    client.get(event.url)  # the site's first request warms the caches (site root, settings)
    with django_assert_num_queries(EVENT_PAGE_QUERIES):
        response = client.get(event.url)
    assert "Join the live session" in response.content.decode()


# Every query of the request, base template included: the sign-in session and user, the
# page and its site, menus and settings, the registration, places left, World Cafés, the
# sessions, and for the one session may_join (chair, captioner, host page, its format, the
# place online). A query per registration would make it grow with `others`.
EVENT_PAGE_QUERIES = 29
