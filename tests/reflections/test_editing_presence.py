"""Who else is editing an item, over the live engine's WebSocket (the real ASGI application)."""

import pytest
from asgiref.sync import sync_to_async

from coproduction.live.events import EVENTS
from reflections import editing, services
from reflections.models import EditingSession
from reflections.services import create_item
from tests.live.helpers import LiveClient
from tests.reflections.conftest import item_values, make_document

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def editors(document, add_to_group, make_member):
    """Three members of the document's group, two items, and the document's editing session."""
    sam = add_to_group("sam@example.org", document, display_name="Sam")
    priya = add_to_group("priya@example.org", document, display_name="Priya")
    jo = add_to_group("jo@example.org", document, display_name="Jo")
    first = create_item(document, item_values(), by=sam)
    second = create_item(document, item_values(you_said="The library lift is often broken."), by=sam)
    session = editing.editing_session(document)
    return {"session": session, "sam": sam, "priya": priya, "jo": jo, "first": first, "second": second}


async def editing_item(session, user, item):
    """Open the edit page's socket; returns the client and who it is first told is editing too."""
    client = LiveClient(session, user, place=f"item:{item.pk}")
    assert await client.connect(hello=False)
    joined = await client.receive_type("presence")  # its own arrival, sent to everyone there
    await client.send({"type": "hello", "last_seq": None})
    snapshot = await client.receive_type("snapshot")
    assert "places" not in snapshot and "places" not in joined  # where others are is not told
    return client, joined["here"]


def here(names):
    return lambda m: m["type"] == "presence" and m.get("here") == names


async def test_two_editors_of_one_item_see_each_other_and_a_third_elsewhere_does_not(editors):
    session = editors["session"]
    sam, others = await editing_item(session, editors["sam"], editors["first"])
    assert others == []
    priya, others = await editing_item(session, editors["priya"], editors["first"])
    assert others == ["Sam"]
    await sam.receive_until(here(["Priya"]))

    jo, others = await editing_item(session, editors["jo"], editors["second"])
    # Jo, alone at item two, is shown nobody; Jo's arrival changes everyone's count, but
    # nobody at item one is shown Jo.
    assert others == []
    message = await sam.receive_until(lambda m: m["type"] == "presence" and m["present"] == 3)
    assert message["here"] == ["Priya"]
    assert "places" not in message  # nobody is told where everyone else is

    await priya.close()
    await sam.receive_until(here([]))
    await sam.close()
    await jo.close()


async def test_a_save_is_told_to_the_others_editing_that_item_once_it_is_committed(editors):
    session, first = editors["session"], editors["first"]
    priya, _ = await editing_item(session, editors["priya"], first)
    jo, _ = await editing_item(session, editors["jo"], editors["second"])

    def sam_saves():
        item = type(first).objects.get(pk=first.pk)
        return services.save(
            item, 1, item_values(outcome_wanted="A shelter with a seat and a light."), by=editors["sam"]
        )

    saved = await sync_to_async(sam_saves)()
    assert saved.written
    message = await priya.receive_type("item_saved")
    assert EVENTS["item_saved"].from_message(message)
    assert (message["item_id"], message["version"], message["by"]) == (first.pk, 2, "Sam")
    # Jo gets the event too (the session's log is one), and the page shows it only for its own item.
    other = await jo.receive_type("item_saved")
    assert other["item_id"] != editors["second"].pk
    await priya.close()
    await jo.close()


async def test_a_conflicting_save_writes_nothing_and_tells_nobody(editors):
    session, first = editors["session"], editors["first"]
    priya, _ = await editing_item(session, editors["priya"], first)

    def two_saves():
        item = type(first).objects.get(pk=first.pk)
        services.save(
            item, 1, item_values(you_said="The bus stop on Mill Road needs a shelter."), by=editors["sam"]
        )
        item.refresh_from_db()
        return services.save(
            item, 1, item_values(you_said="The bus stop on Mill Road is unsafe."), by=editors["jo"]
        )

    second = await sync_to_async(two_saves)()
    assert not second.written
    saves = [m for m in await priya.collect() if m["type"] == "item_saved"]
    assert [(m["by"], m["version"]) for m in saves] == [("Sam", 2)]
    await priya.close()


async def test_signed_out_visitors_and_other_groups_members_are_refused(editors, make_member, add_to_group):
    session = editors["session"]
    assert await LiveClient(session, place=f"item:{editors['first'].pk}").refused() == 4403

    def someone_else():
        other_document = make_document(title="Youth forum reflections", group_name="Youth Forum")
        # An advisory group member, of another group, with the same role.
        return add_to_group("ali@example.org", other_document, display_name="Ali")

    ali = await sync_to_async(someone_else)()
    assert await LiveClient(session, ali, place=f"item:{editors['first'].pk}").refused() == 4403


async def test_a_place_from_another_document_is_refused_and_the_socket_stays(editors, add_to_group):
    def item_elsewhere():
        other_document = make_document(title="Youth forum reflections", group_name="Youth Forum")
        return create_item(other_document, item_values(), by=editors["sam"])

    elsewhere = await sync_to_async(item_elsewhere)()
    for place in (f"item:{elsewhere.pk}", "item:%00", "x" * 101):
        client = LiveClient(editors["session"], editors["sam"], place=place)
        assert await client.connect(hello=False)
        error = await client.receive_type("error")
        assert error["code"] == "invalid_value"
        await client.send({"type": "hello", "last_seq": None})
        await client.receive_type("snapshot")  # still connected, at no place
        await client.close()


def test_a_document_has_one_editing_session_whoever_opens_it_first(document, sam):
    first = editing.editing_session(document)
    assert editing.editing_session(document) == first
    assert EditingSession.objects.filter(document=document).count() == 1


async def test_someone_who_leaves_the_group_is_disconnected_at_once(editors):
    from reflections.models import GroupMembership

    priya, _ = await editing_item(editors["session"], editors["priya"], editors["first"])
    await sync_to_async(GroupMembership.objects.filter(member=editors["priya"]).delete)()
    assert await priya.closed() == 4403
