"""Restarting the server loses nothing: a real daphne process is killed and started again."""

import asyncio
import http.cookiejar
import json
import re
import urllib.parse
import urllib.request

import pytest
from websockets.asyncio.client import connect

from tests.servers import DemoSite, suite_database_name

PASSWORD = "coproduce-demo-2027"
LIVE_PATH = "/consultations/taking-part-in-board-meetings/live/1/"


@pytest.fixture
def site(tmp_path):
    site = DemoSite(tmp_path, name=suite_database_name() + "_restart").prepare().start()
    yield site
    site.close()


def sign_in(site, email):
    """Sign in over HTTP, as a browser would; return the Cookie header value."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(site.url + "/account/sign-in/", timeout=20).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"username": email, "password": PASSWORD, "csrfmiddlewaretoken": token})
    opener.open(site.url + "/account/sign-in/", data.encode(), timeout=20)
    cookies = {c.name: c.value for c in jar}
    assert "sessionid" in cookies, f"{email} could not sign in"
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


class Person:
    def __init__(self, site, email):
        self.site, self.cookie, self.ws, self.last_seq = site, sign_in(site, email), None, None
        self.ids = 0

    async def open(self):
        url = self.site.url.replace("http://", "ws://") + "/ws/live/1/"
        self.ws = await connect(url, origin=self.site.url, additional_headers={"Cookie": self.cookie})
        await self.ws.send(json.dumps({"type": "hello", "last_seq": self.last_seq}))
        return await self.until(lambda m: m["type"] in ("snapshot", "synced"))

    async def until(self, predicate, timeout=10):
        async with asyncio.timeout(timeout):
            while True:
                message = json.loads(await self.ws.recv())
                if isinstance(message.get("seq"), int):
                    self.last_seq = max(self.last_seq or 0, message["seq"])
                if predicate(message):
                    return message

    async def act(self, action_type, **fields):
        self.ids += 1
        action_id = f"{action_type}-{self.ids}"
        await self.ws.send(json.dumps({"type": action_type, "id": action_id, **fields}))
        reply = await self.until(lambda m: m.get("id") == action_id)
        assert reply["type"] == "ack", reply
        return reply


async def reconnect(person, attempts=50):
    """Reconnect as the page script does: retry until the server answers."""
    for attempt in range(attempts):
        try:
            return await person.open()
        except OSError:
            await asyncio.sleep(min(0.1 * 2**attempt, 1.0))
    raise AssertionError("Could not reconnect")


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
        snapshot = await reconnect(Person(site, "chair@castlebridge-cil.example"))
        assert snapshot["state"] == "live"
        assert [h["name"] for h in snapshot["chair_queue"]] == ["Amina Farah", "Declan Byrne"]
        assert snapshot["chair_queue"][0]["note"] == "I will type my point"
        assert [q["text"] for q in snapshot["questions"]] == ["Will the papers come in easy read?"]
        assert [c["text"] for c in snapshot["captions"]] == [
            "Welcome to the open session.",
            "First, how people want to take part.",
        ]
        synced = await reconnect(amina)
        assert (synced["type"], synced["seq"]) == ("synced", amina_seen)

        # And the session carries on: a new caption reaches the reconnected member.
        await reconnect(captioner)
        await captioner.act("caption", text="We are back.")
        line = await amina.until(lambda m: m["type"] == "caption")
        assert line["line"]["text"] == "We are back." and line["seq"] > amina_seen

    asyncio.run(scenario())
