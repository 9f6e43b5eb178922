"""A handful of people acting at the same moment on a real daphne process.

On the embedded default this is a SQLite file: it must answer every one of them, never
"database is locked". The same test runs on PostgreSQL when DATABASE_URL is set.
"""

import asyncio
import json
import threading
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from websockets.asyncio.client import connect

from tests.http_client import Browser
from tests.servers import DemoSite, suite_database_name

LIVE_PATH = "/consultations/taking-part-in-board-meetings/live/1/"
PEOPLE = [
    "chair@castlebridge-cil.example",
    "member@castlebridge-cil.example",
    "advisory@castlebridge-cil.example",
    "captioner@castlebridge-cil.example",
]
FORM_POSTS = 20
SOCKET_ACTIONS = 20
QUESTION_SENT = "Your question has been sent to the chair."


@pytest.fixture
def site(tmp_path):
    with DemoSite(tmp_path, name=suite_database_name() + "_crowd").prepare().start() as site:
        yield site


def ask_by_form_post(browser, token, text):
    """Write a question with the no-JavaScript form; return (status of the post, page shown after)."""
    # A browser of its own, so that the confirmation read back is this post's and no other's.
    tab = Browser(browser.site, browser.cookies)
    data = {"csrfmiddlewaretoken": token, "type": "ask_question", "id": uuid.uuid4().hex, "text": text}
    status, location, _html = tab.request(LIVE_PATH + "action/", data)
    if status != 302:
        return status, ""
    _status, _location, html = tab.request(urllib.parse.urlsplit(location).path)
    return status, html


async def open_socket(site, browser):
    url = site.url.replace("http://", "ws://") + "/ws/live/1/"
    cookie = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
    socket = await connect(url, origin=site.url, additional_headers={"Cookie": cookie})
    await socket.send(json.dumps({"type": "hello", "last_seq": None}))
    while json.loads(await socket.recv())["type"] != "snapshot":
        pass
    return socket


async def replies_to(socket, count, timeout=60):
    """The next `count` replies to actions (ack or error), skipping broadcast events."""
    replies = []
    async with asyncio.timeout(timeout):
        while len(replies) < count:
            message = json.loads(await socket.recv())
            if message["type"] in ("ack", "error"):
                replies.append(message)
    return replies


def test_twenty_form_posts_and_twenty_socket_actions_at_once_are_all_answered(site):
    browsers = [Browser(site).sign_in(email) for email in PEOPLE]
    tokens = [browser.form_token(LIVE_PATH) for browser in browsers]
    per_socket = SOCKET_ACTIONS // len(PEOPLE)

    async def scenario():
        sockets = [await open_socket(site, browser) for browser in browsers]
        go = threading.Barrier(FORM_POSTS + 1)
        loop = asyncio.get_running_loop()

        def post(n):
            go.wait(timeout=60)
            browser = browsers[n % len(browsers)]
            return ask_by_form_post(browser, tokens[n % len(browsers)], f"Form question {n}")

        with ThreadPoolExecutor(max_workers=FORM_POSTS) as pool:
            posts = [loop.run_in_executor(pool, post, n) for n in range(FORM_POSTS)]
            await asyncio.to_thread(go.wait, 60)
            for number, socket in enumerate(sockets):
                for n in range(per_socket):
                    text = f"Socket question {number}-{n}"
                    await socket.send(json.dumps({"type": "ask_question", "id": f"q{n}", "text": text}))
            socket_replies = await asyncio.gather(*(replies_to(s, per_socket) for s in sockets))
            form_results = await asyncio.gather(*posts)
        chair = sockets[0]
        await chair.send(json.dumps({"type": "hello", "last_seq": None}))
        while (snapshot := json.loads(await chair.recv()))["type"] != "snapshot":
            pass
        for socket in sockets:
            await socket.close()
        return form_results, [r for replies in socket_replies for r in replies], snapshot

    form_results, socket_replies, snapshot = asyncio.run(scenario())

    assert [status for status, _html in form_results] == [302] * FORM_POSTS
    assert [QUESTION_SENT in html for _status, html in form_results] == [True] * FORM_POSTS
    assert [reply["type"] for reply in socket_replies] == ["ack"] * SOCKET_ACTIONS
    assert len(snapshot["questions"]) == FORM_POSTS + SOCKET_ACTIONS
