"""Restarting the server loses nothing: a real daphne process is killed and started again."""

import asyncio

import pytest

from tests.http_client import Browser, LiveSocket
from tests.servers import DemoSite, suite_database_name


@pytest.fixture
def site(tmp_path):
    with DemoSite(tmp_path, name=suite_database_name() + "_restart").prepare().start() as site:
        yield site


def sign_in(site, email):
    """Sign in over HTTP, as a browser would; return the Cookie header value."""
    return Browser(site).sign_in(email).cookie_header()


class Person(LiveSocket):
    """Someone signed in to the demo, with the live session's socket."""

    def __init__(self, site, email):
        super().__init__(sign_in(site, email), site)


async def build_up_state(chair, amina, declan, captioner):
    for person in (chair, amina, declan, captioner):
        await person.open()
    await chair.act("start")
    await amina.act("raise_hand", note="I will type my point")
    await declan.act("raise_hand")
    await amina.act("ask_question", text="Will the papers come in easy read?")
    await captioner.act("caption", text="Welcome to the open session.")
    await captioner.act("caption", text="First, how people want to take part.")


def test_killing_and_restarting_daphne_loses_nothing(site):
    async def scenario():
        chair = Person(site, "chair@castlebridge-cil.example")
        amina = Person(site, "member@castlebridge-cil.example")
        declan = Person(site, "advisory@castlebridge-cil.example")
        captioner = Person(site, "captioner@castlebridge-cil.example")
        await build_up_state(chair, amina, declan, captioner)
        await amina.until(lambda m: m["type"] == "caption" and m["line"]["text"].startswith("First"))
        amina_seen = amina.last_seq

        site.stop(kill=True)
        site.start(port=site.port)

        # Every client comes back; the state is as it was.
        snapshot = await Person(site, "chair@castlebridge-cil.example").reconnect()
        assert snapshot["state"] == "live"
        assert [h["name"] for h in snapshot["chair_queue"]] == ["Amina Farah", "Declan Byrne"]
        assert snapshot["chair_queue"][0]["note"] == "I will type my point"
        assert [q["text"] for q in snapshot["questions"]] == ["Will the papers come in easy read?"]
        assert [c["text"] for c in snapshot["captions"]] == [
            "Welcome to the open session.",
            "First, how people want to take part.",
        ]
        synced = await amina.reconnect()
        assert (synced["type"], synced["seq"]) == ("synced", amina_seen)

        # And the session carries on: a new caption reaches the reconnected member.
        await captioner.reconnect()
        await captioner.act("caption", text="We are back.")
        line = await amina.until(lambda m: m["type"] == "caption")
        assert line["line"]["text"] == "We are back." and line["seq"] > amina_seen

    asyncio.run(scenario())
