"""The live session WebSocket: /ws/live/<session_id>/. Protocol in docs/live-protocol.md."""

import asyncio
import json
import logging
import re
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.layers import get_channel_layer

from . import framing, membership, ratelimit, services
from .deferred import Coalesced
from .framing import server_error
from .protocol import ProtocolError, server_now

# Past this many events waiting for a slow client, it gets one snapshot instead.
MAX_QUEUED_EVENTS = 100
SNAPSHOT = object()
logger = logging.getLogger(__name__)
# Presence is sent to a session at most once per this many seconds from each process.
PRESENCE_WINDOW = 0.5
# A place within a session, as its host names it ("item:12"): short, plain, and no way to
# carry markup or control characters into anyone's page.
PLACE = re.compile(r"[A-Za-z0-9_.:-]{1,100}")


class LiveSessionConsumer(AsyncWebsocketConsumer):
    """One member's (or chair's, or captioner's) connection to a live session.

    Events reach the client in seq order: every event of the session passes through
    here, those not for this person are skipped, and a gap (a lost or late group
    message) is filled from the event log before anything newer is sent.
    """

    async def connect(self):
        self.session_id = int(self.scope["url_route"]["kwargs"]["session_id"])
        self.user = self.scope["user"]
        self.role = None
        # Accepted first: the handshake ends at once however busy the database is (a crowd
        # arriving together is seated, not reset), and someone not allowed in reads the close
        # code, telling "not allowed" from a lost connection (a refused handshake is only an
        # HTTP 403 the browser cannot read). Nothing is sent before the checks below pass, and
        # the client's hello is handled only once connect() has returned.
        await self.accept()
        self.role = await database_sync_to_async(services.role_for)(self.session_id, self.user)
        if self.role is None:
            await self.close(code=membership.NOT_ALLOWED)
            return
        self.position = None  # the highest seq dealt with; None until the client says hello
        self.queue = asyncio.Queue()
        self.send_lock = asyncio.Lock()
        self.group = services.group_name(self.session_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        session_key = getattr(self.scope.get("session"), "session_key", None)
        self.browser_group = membership.browser_group(session_key) if session_key else None
        if self.browser_group:
            await self.channel_layer.group_add(self.browser_group, self.channel_name)
        self.place = await self._place()
        await database_sync_to_async(services.join)(
            self.session_id, self.user.pk, self.channel_name, self.place
        )
        await presence_changed.changed(self.session_id)
        self.sender = asyncio.create_task(self._send_events())

    async def _place(self):
        """The place the socket's address names (`?place=item:12`), if the host allows it.

        A place that is malformed or not allowed is answered with an error, and the socket
        stays open, counted in the session but at no place.
        """
        query = parse_qs(self.scope.get("query_string", b"").decode("latin-1"))
        place = (query.get("place") or [""])[-1]
        if not place:
            return ""
        allowed = PLACE.fullmatch(place) is not None and await database_sync_to_async(services.place_allowed)(
            self.session_id, self.user, place
        )
        if not allowed:
            await self._send(
                ProtocolError(
                    "invalid_value", "That place is not part of this session, so nobody is shown there."
                ).as_message()
            )
            return ""
        return place

    async def disconnect(self, code):
        if getattr(self, "role", None) is None:
            return
        self.sender.cancel()
        await self.channel_layer.group_discard(self.group, self.channel_name)
        if self.browser_group:
            await self.channel_layer.group_discard(self.browser_group, self.channel_name)
        await database_sync_to_async(services.leave)(self.session_id, self.channel_name)
        await presence_changed.changed(self.session_id)

    # Client -> server ----------------------------------------------------------------

    async def receive(self, text_data=None, bytes_data=None):
        action_id = None
        try:
            schema, message = framing.decode(text_data, bytes_data)
            action_id = message.get("id") if schema.action else None
            if schema.type == "hello":
                await self._hello(message.get("last_seq"))
            elif schema.type == "heartbeat":
                await self._heartbeat()
            else:
                await self._action(schema, message)
        except ProtocolError as error:
            await self._send(error.as_message())
        except Exception:
            # A fault of ours: say so (with the action's id, so the client knows which one
            # failed and may retry it), keep the connection, and leave it in the log.
            logger.exception("Live session %s: message failed", self.session_id)
            await self._send(server_error(action_id))

    async def _action(self, schema, message):
        action_id = message["id"]
        # The cache is shared by all processes once REDIS_URL is set: the limit is per person.
        allowed = await database_sync_to_async(ratelimit.allow_action)(self.user.pk)
        if not allowed:
            raise ProtocolError("rate_limited", "Too many actions: at most 10 a second.", action_id)
        data = {name: message.get(name) for name in schema.fields}
        result, duplicate = await database_sync_to_async(services.perform)(
            self.session_id, self.user, schema, action_id, data
        )
        await self._send({"type": "ack", "id": action_id, "result": result, "duplicate": duplicate})

    async def _hello(self, last_seq):
        async with self.send_lock:
            head = await database_sync_to_async(services.head_seq)(self.session_id)
            missed = None
            if last_seq is not None and 0 <= last_seq <= head:
                missed = await database_sync_to_async(services.events_after)(
                    self.session_id, self.role, last_seq, head
                )
            if missed is None:
                await self._send_snapshot()
            else:
                for event in missed:
                    await self._send(event)
                self.position = head
                await self._send({"type": "synced", "seq": head, "server_now": server_now()})

    async def _heartbeat(self):
        await database_sync_to_async(services.seen)(self.channel_name)
        async with self.send_lock:
            if self.position is not None:
                head = await database_sync_to_async(services.head_seq)(self.session_id)
                if head > self.position:
                    await self._fill_gap(head)
            present = await database_sync_to_async(services.presence_count)(self.session_id)
            await self._send({"type": "heartbeat", "seq": self.position, "present": present})

    # Server -> client ----------------------------------------------------------------

    async def live_event(self, message):
        """A group message: queue it; a slow client past the cap gets a snapshot instead."""
        if self.queue.qsize() >= MAX_QUEUED_EVENTS:
            while not self.queue.empty():
                self.queue.get_nowait()
            self.queue.put_nowait(SNAPSHOT)
            return
        self.queue.put_nowait(message)

    async def live_signed_out(self, message):
        """The browser this socket belongs to signed out: it may no longer be here."""
        await self.close(code=membership.NOT_ALLOWED)

    async def live_recheck(self, message):
        """Someone's membership or role changed: check this person again, before anything else."""
        if message["users"] is not None and self.user.pk not in message["users"]:
            return
        async with self.send_lock:
            role = await database_sync_to_async(membership.current_role)(self.session_id, self.user.pk)
            if role is None:
                await self.close(code=membership.NOT_ALLOWED)
                return
            if role != self.role:
                self.role = role
                if self.position is not None:  # before hello, the hello's snapshot will do
                    await self._send_snapshot()  # what this person may see now, and nothing more

    async def live_presence(self, message):
        presence = dict(message["presence"])
        places = presence.pop("places", None)
        place = getattr(self, "place", "")
        if place and places is not None:
            presence["here"] = services.others_at(places, place, self.user.pk)
        await self._send({"type": "presence", **presence})

    async def _send_events(self):
        while True:
            item = await self.queue.get()
            async with self.send_lock:
                if self.position is None:
                    continue  # before hello: the hello's replay or snapshot covers it
                if item is SNAPSHOT:
                    await self._send_snapshot()
                    continue
                seq = item["seq"]
                if seq <= self.position:
                    continue
                if seq > self.position + 1:
                    await self._fill_gap(seq - 1)
                if self.role.sees(item):
                    await self.send(text_data=item["text"])  # serialised once for everyone
                self.position = max(self.position, seq)

    async def _fill_gap(self, up_to):
        missed = await database_sync_to_async(services.events_after)(
            self.session_id, self.role, self.position, up_to
        )
        if missed is None:
            await self._send_snapshot()
            return
        for event in missed:
            await self._send(event)
        self.position = up_to

    async def _send_snapshot(self):
        data = await database_sync_to_async(services.snapshot)(self.session_id, self.role)
        self.position = data["seq"]
        await self._send({**data, "server_now": server_now()})

    async def _send(self, message):
        await self.send(text_data=json.dumps(message))


async def broadcast_presence(session_id):
    """Tell everyone in the session who is here now (one group message for all of them)."""
    presence = await database_sync_to_async(services.presence)(session_id)
    await get_channel_layer().group_send(
        services.group_name(session_id), {"type": "live.presence", "presence": presence}
    )


# Seating N people sends O(N) presence frames in all, not one to everyone per arrival.
presence_changed = Coalesced(broadcast_presence, PRESENCE_WINDOW)
