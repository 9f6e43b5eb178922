"""A membership change reaches sockets that are already open, at once: not on their next action."""

import pytest
from asgiref.sync import sync_to_async
from django.contrib.auth.models import Group

from coproduction.live.models import WhoMayJoin
from tests.live.helpers import LiveClient, joined, started_session

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def live(make_member):
    return started_session(make_member)


@sync_to_async
def invite_only(session, *people):
    session.who_may_join = WhoMayJoin.INVITED
    session.save()
    session.invited.add(*people)


async def test_a_member_removed_from_the_invitation_is_closed_with_4403_at_once(live):
    session, leaving, staying = live["session"], *live["members"]
    await invite_only(session, leaving, staying)
    gone = await joined(session, leaving)
    kept = await joined(session, staying)
    await sync_to_async(session.invited.remove)(leaving)
    assert await gone.closed() == 4403  # without sending anything
    # The others carry on, and the one removed cannot come back.
    assert (await kept.action("raise_hand"))["type"] == "ack"
    assert await LiveClient(session, leaving).refused() == 4403
    await kept.close()


async def test_a_member_who_leaves_the_sessions_group_is_closed(live):
    session, member = live["session"], live["members"][0]

    @sync_to_async
    def group_session():
        group = Group.objects.create(name="Transport advisory group")
        member.groups.add(group)
        session.who_may_join = WhoMayJoin.GROUP
        session.group = group
        session.save()
        return group

    group = await group_session()
    client = await joined(session, member)
    await sync_to_async(group.user_set.remove)(member)
    assert await client.closed() == 4403


async def test_a_session_made_invite_only_closes_the_uninvited(live):
    session, invited, other = live["session"], *live["members"]
    first = await joined(session, invited)
    second = await joined(session, other)
    await invite_only(session, invited)
    assert await second.closed() == 4403
    assert (await first.action("raise_hand"))["type"] == "ack"
    await first.close()


async def test_a_deactivated_account_is_closed(live):
    member = live["members"][0]
    client = await joined(live["session"], member)

    @sync_to_async
    def deactivate():
        member.is_active = False
        member.save()

    await deactivate()
    assert await client.closed() == 4403


async def test_a_deleted_account_is_closed(live):
    member = live["members"][0]
    client = await joined(live["session"], member)
    await sync_to_async(member.delete)()
    assert await client.closed() == 4403


async def test_a_chair_whose_role_is_removed_stops_receiving_chair_only_events(live):
    session, chair, member = live["session"], live["chair"], live["members"][0]
    await sync_to_async(session.chairs.add)(live["members"][1])  # the session keeps a chair
    former = await joined(session, chair)
    raiser = await joined(session, member)
    await sync_to_async(session.chairs.remove)(chair)
    # At once, a snapshot for the role they have now: no chair's queue, questions or signals.
    snapshot = await former.receive_type("snapshot")
    assert snapshot["role"] == {"chair": False, "captioner": False}
    assert not {"chair_queue", "questions", "signals"} & set(snapshot)
    await raiser.action("raise_hand", note="A private note for the chair")
    await raiser.action("ask_question", text="Only for the chair")
    # Everything up to the head of the log has been dealt with once the heartbeat answers.
    await former.send({"type": "heartbeat"})
    seen = []
    while (message := await former.receive())["type"] != "heartbeat":
        seen.append(message)
    assert "queue" in [m["type"] for m in seen]
    assert not {"chair_queue", "question_received"} & {m["type"] for m in seen}
    assert "A private note" not in repr(seen)
    forbidden = await former.action("clear_hands")
    assert forbidden["code"] == "forbidden"
    for client in (former, raiser):
        await client.close()


async def test_a_member_made_chair_gets_the_chairs_view_at_once(live):
    session, member = live["session"], live["members"][0]
    client = await joined(session, member)
    await sync_to_async(session.chairs.add)(member)
    snapshot = await client.receive_type("snapshot")
    assert snapshot["role"]["chair"] is True and "chair_queue" in snapshot
    await client.close()


async def test_signing_out_closes_that_browsers_sockets_and_no_others(live):
    from django.conf import settings
    from django.test import Client

    session, member = live["session"], live["members"][0]
    browser = Client()
    await sync_to_async(browser.force_login)(member)
    cookie = f"{settings.SESSION_COOKIE_NAME}={browser.cookies[settings.SESSION_COOKIE_NAME].value}"
    in_this_browser = LiveClient(session)
    in_this_browser.communicator.scope["headers"].append((b"cookie", cookie.encode()))
    assert await in_this_browser.connect()
    await in_this_browser.receive_type("snapshot")
    on_their_phone = await joined(session, member)

    await sync_to_async(browser.logout)()
    assert await in_this_browser.closed() == 4403
    # The same member, signed in on another device, carries on.
    assert (await on_their_phone.action("raise_hand"))["type"] == "ack"
    await on_their_phone.close()
