"""The live protocol's rules as docs/live-protocol.md states them: ids on every reply, the
nesting limit, the rate rule, control characters, unknown paths and close codes."""

import dataclasses
import json
import logging

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from coproduction.asgi import application
from coproduction.live import ratelimit
from coproduction.live.models import LiveSession, WrittenQuestion
from coproduction.live.registry import ACTIONS
from tests.live.helpers import LiveClient, joined, started_session

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def live(make_member):
    return started_session(make_member)


async def questions_stored():
    return await sync_to_async(WrittenQuestion.objects.count)()


# 1. Every reply to an action carries its id ------------------------------------------


async def test_a_server_error_names_the_action_that_failed(live, monkeypatch):
    member = await joined(live["session"], live["members"][0])

    def broken(unit, user, data):
        raise RuntimeError("a fault on the server")

    # The one fault this test needs: the raise_hand handler fails. Everything else is real.
    monkeypatch.setitem(ACTIONS, "raise_hand", dataclasses.replace(ACTIONS["raise_hand"], handler=broken))
    reply = await member.action("raise_hand", action_id="hand-1")
    assert reply == {
        "type": "error",
        "code": "server_error",
        "message": "Something went wrong on our side. Try again.",
        "id": "hand-1",
    }
    monkeypatch.undo()
    assert (await member.action("raise_hand", action_id="hand-1"))["type"] == "ack"  # the retry works
    await member.close()


async def test_too_large_carries_the_id_when_it_comes_first_or_after_the_type(live):
    member = await joined(live["session"], live["members"][0])
    text = "x" * 9000
    await member.send_raw(json.dumps({"id": "big-1", "type": "ask_question", "text": text}))
    first = await member.receive_type("error")
    await member.send_raw(json.dumps({"type": "ask_question", "id": "big-2", "text": text}))
    second = await member.receive_type("error")
    await member.send_raw(json.dumps({"type": "ask_question", "text": text, "id": "big-3"}))
    third = await member.receive_type("error")
    assert (first["code"], first["id"]) == ("too_large", "big-1")
    assert (second["code"], second["id"]) == ("too_large", "big-2")
    assert third["code"] == "too_large" and "id" not in third  # past the cheap place to look
    assert await questions_stored() == 0
    await member.close()


# 2. Deep nesting is refused before parsing ---------------------------------------------


async def test_json_nested_a_thousand_levels_is_refused_and_the_socket_stays_usable(live):
    member = await joined(live["session"], live["members"][0])
    frame = '{"type": "raise_hand", "id": "deep-1", "note": ' + "[" * 1000 + "]" * 1000 + "}"
    assert len(frame.encode()) < 8 * 1024
    await member.send_raw(frame)
    error = await member.receive_type("error")
    assert (error["code"], error["id"]) == ("wrong_type", "deep-1")
    assert "32 levels" in error["message"]
    # Brackets inside strings are text, not nesting.
    ack = await member.action("ask_question", text="[[[[" * 20 + "]]]]" * 20)
    assert ack["type"] == "ack"
    await member.close()


# 3. At most 10 actions in any second --------------------------------------------------


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


async def test_twelve_actions_in_under_half_a_second_across_a_second_boundary(live, monkeypatch):
    clock = Clock(1_000_000.60)
    monkeypatch.setattr(ratelimit.live_actions, "clock", clock)
    member = await joined(live["session"], live["members"][0])
    replies = []
    for n in range(12):  # 0.60 to 1.04: 0.44 seconds, over the boundary at 1.00
        clock.now = 1_000_000.60 + n * 0.04
        replies.append(await member.action("ask_question", action_id=f"r{n}", text=f"Question {n}"))
    assert [r["type"] for r in replies[:10]] == ["ack"] * 10
    assert [(r["type"], r["code"], r["id"]) for r in replies[10:]] == [
        ("error", "rate_limited", "r10"),
        ("error", "rate_limited", "r11"),
    ]
    assert await questions_stored() == 10
    clock.now = 1_000_000.61 + 1.0  # the first action is now over a second old
    assert (await member.action("ask_question", action_id="r12", text="Later"))["type"] == "ack"
    await member.close()


def test_the_sliding_window_counts_any_second_not_clock_seconds():
    clock = Clock(50.95)
    window = ratelimit.SlidingWindow("rule-check", 10, 1.0, clock=clock)
    assert [window.allow("p") for _ in range(10)] == [True] * 10  # all at 50.95
    clock.now = 51.05  # a new clock second, but the same sliding second
    assert window.allow("p") is False
    assert window.allow("another-person") is True
    clock.now = 51.96  # a second on: the first ten are out of the window
    assert window.allow("p") is True


# 8. Control characters in text -------------------------------------------------------


@pytest.mark.parametrize(
    "action, fields",
    [
        ("ask_question", {"text": "Is there a hearing\u0000 loop?"}),
        ("raise_hand", {"note": "I will type\u0007 my point"}),
        ("ask_question", {"text": "Papers\u001b[2J please"}),
    ],
)
async def test_control_characters_in_text_are_refused_with_the_id(live, action, fields):
    member = await joined(live["session"], live["members"][0])
    reply = await member.action(action, action_id="ctl-1", **fields)
    assert (reply["type"], reply["code"], reply["id"]) == ("error", "invalid_value", "ctl-1")
    assert "control character" in reply["message"]
    # Line breaks and tabs are text, and the socket is still open.
    assert (await member.action("ask_question", text="Line one\nLine two\tend"))["type"] == "ack"
    assert await questions_stored() == 1
    await member.close()


async def test_a_chair_announcement_with_a_nul_is_refused(live):
    chair = await joined(live["session"], live["chair"])
    reply = await chair.action("announce", action_id="ann-1", text="Back at\u0000 7pm")
    assert (reply["code"], reply["id"]) == ("invalid_value", "ann-1")
    assert (await chair.action("announce", text="Back at 7pm"))["type"] == "ack"
    await chair.close()


async def test_an_id_with_a_control_character_is_refused(live):
    member = await joined(live["session"], live["members"][0])
    await member.send({"type": "raise_hand", "id": "bad\u0000id"})
    error = await member.receive_type("error")
    assert error["code"] == "wrong_type" and "id" not in error
    assert (await member.action("raise_hand"))["type"] == "ack"
    await member.close()


# 5. Unknown paths ------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/ws/live/abc/", "/ws/nope/", "/ws/live/12/extra/"])
async def test_an_unknown_websocket_path_is_closed_with_4404_and_nothing_logged(path, caplog):
    communicator = WebsocketCommunicator(application, path, headers=[(b"origin", b"http://testserver")])
    with caplog.at_level(logging.WARNING):
        connected, _ = await communicator.connect()
        assert connected
        closing = await communicator.receive_output()
    assert closing == {"type": "websocket.close", "code": 4404}
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_a_session_that_does_not_exist_is_refused_with_4403(live):
    missing = LiveSession(pk=live["session"].pk + 1000)
    assert await LiveClient(missing, live["members"][0]).refused() == 4403
