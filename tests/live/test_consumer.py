"""The live session WebSocket against the real ASGI application and channel layer."""

import asyncio
import json

import pytest
from asgiref.sync import sync_to_async
from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.urls import path

from coproduction.live import services
from coproduction.live.consumers import MAX_QUEUED_EVENTS, SNAPSHOT, LiveSessionConsumer
from coproduction.live.models import (
    AccessSignal,
    CaptionLine,
    HandState,
    LiveEvent,
    RaisedHand,
    WhoMayJoin,
    WrittenQuestion,
)
from tests.factories import make_live_session
from tests.live.helpers import LiveClient, both_hosts, session_cookie

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def live(host_page, chair, captioner, make_member):
    """A live session with a chair, a captioner and three members, already started."""
    members = [make_member(f"m{n}@example.org", display_name=f"Member {n}") for n in range(1, 4)]
    session = make_live_session(host_page, chair, captioner, started=True)
    return {"session": session, "chair": chair, "captioner": captioner, "members": members}


async def test_anonymous_visitors_cannot_join(live):
    client = LiveClient(live["session"])
    assert await client.refused() == 4403


@both_hosts
async def test_invited_only_session_refuses_others_and_admits_the_invited(live, make_member, join):
    session = live["session"]
    outsider, guest = live["members"][0], live["members"][1]

    def invite_only():
        session.who_may_join = WhoMayJoin.INVITED
        session.save()
        session.invited.add(guest)

    await sync_to_async(invite_only)()
    assert await LiveClient(session, outsider).refused() == 4403
    assert (await join(session, guest)).snapshot["state"] == "live"


async def test_foreign_origin_is_refused(live):
    client = LiveClient(live["session"], live["members"][0], origin="https://elsewhere.example")
    assert not await client.connect()


@both_hosts
async def test_snapshot_shows_state_agenda_and_presence(live, join):
    snapshot = (await join(live["session"], live["members"][0])).snapshot
    assert snapshot["item"]["title"] == "Welcome"
    assert [i["title"] for i in snapshot["agenda"]] == ["Welcome", "Transport", "Papers", "Next steps"]
    assert snapshot["present"] == 1
    assert "chair_queue" not in snapshot and "signals" not in snapshot


@both_hosts
async def test_hands_queue_in_order_and_lowering_moves_people_up(live, join):
    session = live["session"]
    clients = [await join(session, m) for m in live["members"]]
    chair = await join(session, live["chair"])
    hand_ids = []
    for client, note in zip(clients, ["", "I will type my point", "I use a communication aid"], strict=True):
        ack = await client.action("raise_hand", note=note)
        assert ack["type"] == "ack"
        hand_ids.append(ack["result"]["hand_id"])
    queue = await clients[0].receive_until(lambda m: m["type"] == "queue" and len(m["hands"]) == 3)
    assert queue["hands"] == hand_ids
    chair_queue = await chair.receive_until(lambda m: m["type"] == "chair_queue" and len(m["hands"]) == 3)
    assert [(h["name"], h["note"]) for h in chair_queue["hands"]] == [
        ("Member 1", ""),
        ("Member 2", "I will type my point"),
        ("Member 3", "I use a communication aid"),
    ]
    assert (await clients[0].action("lower_hand"))["type"] == "ack"
    # Member 3 may still have earlier queue events waiting: wait for the one without Member 1.
    queue = await clients[2].receive_until(lambda m: m["type"] == "queue" and hand_ids[0] not in m["hands"])
    assert queue["hands"] == [hand_ids[1], hand_ids[2]]  # Member 3 is now second


@both_hosts
async def test_giving_the_floor_tells_only_that_member(live, join):
    session = live["session"]
    first, second = [await join(session, m) for m in live["members"][:2]]
    chair = await join(session, live["chair"])
    hand = (await second.action("raise_hand"))["result"]["hand_id"]
    assert (await chair.action("give_floor", hand_id=hand))["type"] == "ack"
    floor = await second.receive_type("floor")
    assert floor["hand_id"] == hand
    others = await first.collect()
    assert "floor" not in [m["type"] for m in others]
    queue = [m for m in others if m["type"] == "queue"][-1]
    assert queue["floor"] == hand and hand not in queue["hands"]


@both_hosts
async def test_written_question_reaches_the_chair_only(live, join):
    session = live["session"]
    author, other = [await join(session, m) for m in live["members"][:2]]
    chair = await join(session, live["chair"])
    ack = await author.action("ask_question", text="Will papers come in easy read?")
    received = await chair.receive_type("question_received")
    assert received["question"]["text"] == "Will papers come in easy read?"
    assert received["question"]["name"] == "Member 1"
    assert all(m["type"] != "question_received" for m in await other.collect())
    await chair.action(
        "mark_question", question_id=ack["result"]["question_id"], status="answered", publish=True
    )
    status = await author.receive_type("question_status")
    assert status["status"] == "answered"


async def test_access_signals_are_counted_without_names(live, join):
    session = live["session"]
    clients = [await join(session, m) for m in live["members"]]
    chair = await join(session, live["chair"])
    await clients[0].action("signal", kind="slow_down")
    await clients[1].action("signal", kind="slow_down")
    again = await clients[1].action("signal", kind="slow_down")
    assert again["result"]["counted"] is False  # one per person until reset
    signals = await chair.receive_until(lambda m: m["type"] == "signals" and m["counts"]["slow_down"] == 2)
    assert "Member" not in json.dumps(signals)
    for client in clients:
        assert all(m["type"] != "signals" for m in await client.collect(timeout=0.2))
    await chair.action("reset_signals")
    assert (await chair.receive_type("signals"))["counts"]["slow_down"] == 0


@both_hosts
async def test_captions_reach_everyone_in_order(live, join):
    session = live["session"]
    captioner = await join(session, live["captioner"])
    viewers = [await join(session, m) for m in live["members"][:2]]
    lines = ["Good evening, everyone.", "Item one is transport.", "Questions come after the break."]
    for line in lines:
        assert (await captioner.action("caption", text=line))["type"] == "ack"
    for viewer in viewers:
        received = [m["line"]["text"] for m in await viewer.collect() if m["type"] == "caption"]
        assert received == lines


@pytest.mark.parametrize(
    "action, fields",
    [
        ("start", {}),
        ("pause", {}),
        ("end", {}),
        ("announce", {"text": "Hello"}),
        ("clear_hands", {}),
        ("set_agenda", {"item_id": 1}),
        ("reset_signals", {}),
        ("caption", {"text": "Not a captioner"}),
    ],
)
async def test_chair_and_captioner_actions_are_refused_to_members(live, action, fields, join):
    session = live["session"]
    member = await join(session, live["members"][0])
    before = await sync_to_async(lambda: (LiveEvent.objects.count(), CaptionLine.objects.count()))()
    reply = await member.action(action, **fields)
    assert reply["type"] == "error" and reply["code"] == "forbidden"
    after = await sync_to_async(lambda: (LiveEvent.objects.count(), CaptionLine.objects.count()))()
    assert after == before
    assert (await member.action("raise_hand"))["type"] == "ack"  # still connected and usable


@pytest.mark.parametrize(
    "raw, code",
    [
        ("{not json", "bad_json"),
        (json.dumps({"type": "dance", "id": "x1"}), "unknown_type"),
        (json.dumps({"id": "x2"}), "missing_field"),
        (json.dumps({"type": "ask_question", "id": "x3"}), "missing_field"),
        (json.dumps({"type": "raise_hand"}), "missing_field"),
        (json.dumps({"type": "ask_question", "id": "x4", "text": 42}), "wrong_type"),
        (json.dumps({"type": "signal", "id": "x5", "kind": "louder"}), "invalid_value"),
        (json.dumps({"type": "ask_question", "id": "x6", "text": "   "}), "invalid_value"),
        (json.dumps([1, 2, 3]), "wrong_type"),
        (json.dumps({"type": "ask_question", "id": "x7", "text": "x" * 9000}), "too_large"),
    ],
)
async def test_bad_input_gets_an_error_and_the_connection_stays_usable(live, raw, code, join):
    member = await join(live["session"], live["members"][0])
    await member.send_raw(raw)
    error = await member.receive_type("error")
    assert error["code"] == code and error["message"]
    assert await sync_to_async(WrittenQuestion.objects.count)() == 0
    assert (await member.action("ask_question", text="Still here?"))["type"] == "ack"


@both_hosts
async def test_the_same_action_id_twice_has_its_effect_once(live, join):
    member = await join(live["session"], live["members"][0])
    first = await member.action("ask_question", action_id="retry-1", text="Is there a hearing loop?")
    second = await member.action("ask_question", action_id="retry-1", text="Is there a hearing loop?")
    assert first["result"] == second["result"]
    assert second["duplicate"] is True
    assert await sync_to_async(WrittenQuestion.objects.count)() == 1


async def test_a_flood_of_actions_is_refused_not_disconnected(live, join):
    member = await join(live["session"], live["members"][0])
    # Sent all at once, so they arrive faster than 10 a second however busy the machine is.
    ids = [f"flood-{n}" for n in range(60)]
    for action_id in ids:
        await member.send({"type": "ask_question", "id": action_id, "text": f"Question {action_id}"})
    replies = {}
    while len(replies) < len(ids):
        message = await member.receive(timeout=10)
        if message.get("id") in ids and message["type"] in ("ack", "error"):
            replies[message["id"]] = message
    refused = [r for r in replies.values() if r["type"] == "error"]
    assert refused and {r["code"] for r in refused} == {"rate_limited"}
    accepted = len(ids) - len(refused)
    assert await sync_to_async(WrittenQuestion.objects.count)() == accepted  # refusals changed nothing
    await asyncio.sleep(1.1)  # the connection is still open, and a later action goes through
    assert (await member.action("ask_question", text="After a pause"))["type"] == "ack"


@both_hosts
async def test_resume_replays_exactly_the_missed_events_in_order(live, join):
    session = live["session"]
    member = await join(session, live["members"][0])
    captioner = await join(session, live["captioner"])
    await captioner.action("caption", text="Before the drop.")
    await member.receive_type("caption")
    last_seen = member.last_seq
    await member.close()

    lines = ["Missed one.", "Missed two.", "Missed three."]
    for line in lines:
        await captioner.action("caption", text=line)
    chair = await join(session, live["chair"])
    await chair.action("announce", text="Back at 7.15pm")

    again = LiveClient(session, live["members"][0])
    assert await again.connect(last_seq=last_seen)
    replayed = []
    while True:
        message = await again.receive()
        if message["type"] == "synced":
            break
        if "seq" in message:  # presence counts are not part of the log
            replayed.append(message)
    assert [m.get("line", {}).get("text") or m.get("text") for m in replayed] == lines + ["Back at 7.15pm"]
    seqs = [m["seq"] for m in replayed]
    assert seqs == sorted(seqs) and seqs[0] > last_seen
    await again.close()


async def test_a_too_old_seq_gets_a_snapshot(live, settings, join):
    from coproduction.live import services

    session = live["session"]
    await join(session, live["captioner"])
    for n in range(services.REPLAY_LIMIT + 5):
        await sync_to_async(_caption)(session, live["captioner"], f"line {n}")
    member = LiveClient(session, live["members"][0])
    assert await member.connect(last_seq=1)
    snapshot = await member.receive_type("snapshot")
    assert snapshot["captions"][-1]["text"] == f"line {services.REPLAY_LIMIT + 4}"
    await member.close()


def _caption(session, user, text):
    from coproduction.live import services
    from coproduction.live.protocol import CLIENT_MESSAGES

    services.perform(session.pk, user, CLIENT_MESSAGES["caption"], f"c-{text}", {"text": text})


async def test_heartbeat_answers_with_the_latest_seq_and_fills_a_gap(live, join):
    session = live["session"]
    member = await join(session, live["members"][0])
    # An event written to the log whose group message never arrived (at most once delivery).
    await sync_to_async(_write_event_without_broadcast)(session)
    await member.send({"type": "heartbeat"})
    missed = await member.receive_type("announcement")
    beat = await member.receive_type("heartbeat")
    assert missed["text"] == "Lost in transit"
    assert beat["seq"] == missed["seq"]


def _write_event_without_broadcast(session):
    """An event that is in the log but whose group message was lost."""
    from coproduction.live.actions import UnitOfWork
    from coproduction.live.events import Announcement

    with UnitOfWork(session.pk) as unit:
        unit.log(Announcement(text="Lost in transit"))
        unit.events.clear()


async def test_a_slow_client_past_the_cap_gets_a_snapshot(live):
    # The real consumer, behind the real sign-in and routing, kept where the test can hold
    # its send lock: that is what a sender busy with the database looks like to the queue.
    consumer = LiveSessionConsumer()
    app = AuthMiddlewareStack(URLRouter([path("ws/live/<int:session_id>/", consumer)]))
    session, member = live["session"], live["members"][0]
    cookie = await sync_to_async(session_cookie)(member)
    communicator = WebsocketCommunicator(
        app, f"/ws/live/{session.pk}/", headers=[(b"cookie", cookie.encode())]
    )
    assert (await communicator.connect())[0]
    await communicator.send_json_to({"type": "hello", "last_seq": None})
    while (await communicator.receive_json_from())["type"] != "snapshot":
        pass

    async with consumer.send_lock:
        for n in range(MAX_QUEUED_EVENTS + 20):
            await sync_to_async(_caption)(session, live["captioner"], f"line {n}")
        async with asyncio.timeout(10):
            while SNAPSHOT not in consumer.queue._queue:  # wait until the cap has been passed
                await asyncio.sleep(0.01)

    received = []
    while (message := await communicator.receive_json_from())["type"] != "snapshot":
        received.append(message)
    assert message["seq"] == await sync_to_async(services.head_seq)(session.pk)
    assert message["captions"][-1]["text"] == f"line {MAX_QUEUED_EVENTS + 19}"
    assert len([m for m in received if m["type"] == "caption"]) <= 1  # the one taken before the lock
    await communicator.disconnect()


@both_hosts
async def test_state_changes_and_agenda_reach_everyone(live, join):
    session = live["session"]
    member = await join(session, live["members"][0])
    chair = await join(session, live["chair"])
    await chair.action("pause")
    assert (await member.receive_type("state"))["state"] == "paused"
    second_item = (await sync_to_async(session.ordered_agenda)())[1]
    await chair.action("set_agenda", item_id=second_item.pk)
    assert (await member.receive_type("state"))["item"]["title"] == "Transport"
    await chair.action("start")
    assert (await member.receive_type("state"))["state"] == "live"
    wrong = await chair.action("start")
    assert wrong["code"] == "wrong_state"
    await chair.action("end")
    assert (await member.receive_type("state"))["state"] == "ended"
    hands = await sync_to_async(lambda: RaisedHand.objects.exclude(state=HandState.LOWERED).count())()
    assert hands == 0


async def test_signals_never_store_more_than_one_per_person(live, join):
    member = await join(live["session"], live["members"][0])
    for n in range(3):
        await member.action("signal", kind="break", action_id=f"brk{n}")
    assert await sync_to_async(AccessSignal.objects.count)() == 1


async def test_presence_is_a_count_and_names_only_where_the_session_shows_them(live, join):
    session = live["session"]
    first, second = [await join(session, m) for m in live["members"][:2]]
    assert second.snapshot["present"] == 2 and "present_names" not in second.snapshot
    presence = await first.receive_until(lambda m: m["type"] == "presence" and m["present"] == 2)
    assert set(presence) == {"type", "present"}  # a count, no names
    await second.close()
    await first.receive_until(lambda m: m["type"] == "presence" and m["present"] == 1)

    session.show_names = True
    await sync_to_async(session.save)()
    assert (await join(session, live["members"][2])).snapshot["present_names"] == ["Member 1", "Member 3"]
    presence = await first.receive_until(lambda m: m["type"] == "presence" and m["present"] == 2)
    assert presence["present_names"] == ["Member 1", "Member 3"]  # kept up to date as people come and go
