"""Two real daphne processes behind one live session, sharing Redis and PostgreSQL.

Members are on both processes and the chair on one: every event reaches everyone once, in
seq order. Then one process is killed (SIGKILL): its members reconnect to the other with
their last seq and end with every event once, in order, and the state as it is.
"""

import asyncio
import os

import pytest

from coproduction.live.events import EPHEMERAL_MESSAGES
from tests.concurrency import ON_POSTGRESQL
from tests.http_client import LiveSocket
from tests.live.test_restart import sign_in
from tests.servers import DemoSite, suite_database_name

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        not (ON_POSTGRESQL and os.environ.get("REDIS_URL")),
        reason="two processes share a session only through Redis and PostgreSQL; CI runs this with both set",
    ),
]

MEMBERS = [
    "member@castlebridge-cil.example",
    "advisory@castlebridge-cil.example",
    "member@castlebridge-cil.example",  # a second tab of the same person
    "advisory@castlebridge-cil.example",
]


@pytest.fixture
def sites(tmp_path):
    """Process A and process B: one database, one Redis, two ports."""
    first = DemoSite(tmp_path / "a", name=suite_database_name() + "_two").prepare()
    second = DemoSite(tmp_path / "b", name=first.name)
    second.use_database(first.database_url)
    second.env["MEDIA_ROOT"] = first.env["MEDIA_ROOT"]
    (tmp_path / "b").mkdir()
    first.start()
    second.start()
    yield first, second
    second.stop()
    first.close()


class Socket(LiveSocket):
    """A page's live socket: everything logged it received, and its last seq."""

    def __init__(self, cookie):
        super().__init__(cookie, timeout=30)
        self.events = []  # logged events (those with a seq), in the order they came

    def received(self, message):
        if message["type"] == "snapshot":
            self.last_seq = message["seq"]
        elif message["type"] not in EPHEMERAL_MESSAGES:  # `synced` has a seq too, but is no event
            self.events.append(message)
            self.last_seq = message["seq"]

    def seqs_since(self, seq):
        return [m["seq"] for m in self.events if m["seq"] > seq]


def announced(text):
    return lambda m: m["type"] == "announcement" and m["text"] == text


def test_members_on_two_processes_get_every_event_once_in_order_even_when_one_is_killed(sites):
    a, b = sites
    chair_cookie = sign_in(a, "chair@castlebridge-cil.example")
    cookies = [sign_in(a, email) for email in MEMBERS]

    async def scenario():
        chair = Socket(chair_cookie)
        snapshot = await chair.open(a)
        start = snapshot["seq"]
        on_a = [Socket(cookie) for cookie in cookies[:2]]
        on_b = [Socket(cookie) for cookie in cookies[2:]]
        for socket in on_a:
            await socket.open(a)
        for socket in on_b:
            await socket.open(b)

        await chair.act("start")
        # Ten actions from the chair in all: however fast this runs, within the limit of 10 a second.
        for n in range(4):
            await chair.act("announce", text=f"Announcement {n}")
        everyone = on_a + on_b
        for socket in [chair, *everyone]:  # an action's ack can come before its event
            await socket.until(announced("Announcement 3"))
        expected = chair.seqs_since(start)
        assert len(expected) == 5 and expected == sorted(set(expected))
        for socket in everyone:
            assert socket.seqs_since(start) == expected  # once each, in order, on both processes

        # B dies without a word; the chair (on A) carries on while B's members are away.
        b.stop(kill=True)
        for n in range(4, 7):
            await chair.act("announce", text=f"Announcement {n}")
        for socket in on_b:
            # Their page reconnects to the process still running, from its last seq.
            resumed = await socket.reconnect(a)
            assert resumed["type"] == "synced"
        await chair.act("announce", text="Announcement 7")
        await chair.act("pause")

        for socket in [chair, *everyone]:
            await socket.until(lambda m: m["type"] == "state" and m["state"] == "paused")
        expected = chair.seqs_since(start)
        assert len(expected) == 10
        for index, socket in enumerate(everyone):
            got = [(m["seq"], m["type"], m.get("text")) for m in socket.events if m["seq"] > start]
            assert socket.seqs_since(start) == expected, f"socket {index}: {got}"
            texts = [m["text"] for m in socket.events if m["type"] == "announcement"]
            assert texts == [f"Announcement {n}" for n in range(8)]

        # And the state a newcomer is given is the same as what they all ended with.
        newcomer = Socket(cookies[0])
        now = await newcomer.open(a)
        assert now["state"] == "paused" and now["seq"] == expected[-1]
        assert now["announcement"] == "Announcement 7"
        for socket in [chair, newcomer, *everyone]:
            await socket.ws.close()

    asyncio.run(scenario())
