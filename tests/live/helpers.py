"""Connecting test clients to a live session through the real ASGI application."""

import asyncio
import itertools
import json

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from coproduction.asgi import application
from coproduction.live.protocol import validate_server_message

_ids = itertools.count(1)


def session_cookie(user):
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


class LiveClient:
    """A WebsocketCommunicator that speaks the protocol and checks every server message."""

    def __init__(self, session, user=None, origin="http://testserver", place=None):
        headers = [(b"origin", origin.encode())]
        self.user = user
        self.session = session
        self._cookie_user = user
        path = f"/ws/live/{session.pk}/" + (f"?place={place}" if place is not None else "")
        self.communicator = WebsocketCommunicator(application, path, headers=headers)
        self.last_seq = None
        self.snapshot = None
        self.disconnected = False

    async def connect(self, hello=True, last_seq=None):
        if self._cookie_user is not None:
            cookie = await sync_to_async(session_cookie)(self._cookie_user)
            self.communicator.scope["headers"].append((b"cookie", cookie.encode()))
        connected, code = await self.communicator.connect()
        if connected and hello:
            await self.send({"type": "hello", "last_seq": last_seq})
        return connected

    async def refused(self):
        """Connect expecting a refusal: the close code the server sent after accepting."""
        if self._cookie_user is not None:
            cookie = await sync_to_async(session_cookie)(self._cookie_user)
            self.communicator.scope["headers"].append((b"cookie", cookie.encode()))
        connected, _ = await self.communicator.connect()
        assert connected, "refused before the handshake (HTTP 403): the client cannot read why"
        return await self.closed()

    async def closed(self, timeout=3):
        """Read until the server closes the socket; return its close code."""
        while True:
            output = await self.communicator.receive_output(timeout)
            if output["type"] == "websocket.close":
                return output.get("code", 1000)

    async def send(self, message):
        await self.communicator.send_to(text_data=json.dumps(message))

    async def send_raw(self, text):
        await self.communicator.send_to(text_data=text)

    async def action(self, action_type, action_id=None, **fields):
        action_id = action_id or f"a{next(_ids)}"
        await self.send({"type": action_type, "id": action_id, **fields})
        return await self.receive_until(lambda m: m.get("id") == action_id and m["type"] in ("ack", "error"))

    async def receive(self, timeout=3):
        message = json.loads(await self.communicator.receive_from(timeout=timeout))
        validate_server_message(message)
        if isinstance(message.get("seq"), int):
            self.last_seq = max(self.last_seq or 0, message["seq"])
        return message

    async def receive_until(self, predicate, timeout=3):
        """Read messages until one matches; return it."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                raise AssertionError("The expected message did not arrive")
            message = await self.receive(timeout=remaining)
            if predicate(message):
                return message

    async def receive_type(self, message_type, timeout=3):
        return await self.receive_until(lambda m: m["type"] == message_type, timeout)

    async def collect(self, timeout=0.5):
        """Every message that arrives within `timeout` seconds."""
        messages = []
        # receive_nothing() waits without cancelling the application on a timeout.
        while not await self.communicator.receive_nothing(timeout=timeout):
            messages.append(await self.receive())
        return messages

    async def close(self):
        """Disconnect; closing a client already closed does nothing."""
        if not self.disconnected:
            self.disconnected = True
            await self.communicator.disconnect()


# Run a test once with a consultation as the host and once with a page that is not one.
both_hosts = pytest.mark.parametrize("host_page", ["consultation", "meeting"], indirect=True)


async def joined(session, user):
    """A client of `user` connected to the session, past its snapshot (kept as `client.snapshot`)."""
    client = LiveClient(session, user)
    assert await client.connect()
    client.snapshot = await client.receive_type("snapshot")
    return client


def started_session(make_member):
    """A live session on a consultation, with a chair (Cllr Osei) and two members."""
    from tests.factories import make_consultation, make_live_session

    chair = make_member("chair@example.org", display_name="Cllr Osei")
    members = [make_member(f"m{n}@example.org", display_name=f"Member {n}") for n in (1, 2)]
    session = make_live_session(make_consultation(), chair, state="live")
    return {"session": session, "chair": chair, "members": members}
