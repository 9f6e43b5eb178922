"""The served process (coproduction.server, as `make serve` runs it) and a real WebSocket client:
close codes a client can read, and a client too slow to keep up."""

import asyncio
import base64
import json
import os
import socket
import struct
import urllib.request
from pathlib import Path

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed, InvalidStatus

from tests.live.test_restart import sign_in
from tests.servers import DemoSite, suite_database_name

LIVE_SOCKET = "/ws/live/1/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The demo site, served with one extra door for logging many events (tests/live_pump.py)."""
    site = DemoSite(
        tmp_path_factory.mktemp("served"),
        name=suite_database_name() + "_served",
        application="tests.live_pump:application",
    )
    site.prepare().start()
    yield site
    site.close()


def ws_url(site, path=LIVE_SOCKET):
    return site.url.replace("http://", "ws://") + path


async def open_socket(site, cookie=None, path=LIVE_SOCKET, **options):
    headers = {"Cookie": cookie} if cookie else {}
    return await connect(ws_url(site, path), origin=site.url, additional_headers=headers, **options)


async def close_code(ws, timeout=30):
    """Read until the server closes; its close code (1006 if it only dropped the connection)."""
    async with asyncio.timeout(timeout):
        try:
            while True:
                await ws.recv()
        except ConnectionClosed:
            pass
    return ws.close_code


def served_log(site):
    return site.log_path.read_text(encoding="utf-8", errors="replace")


def test_invalid_utf8_in_a_text_frame_closes_with_1007(site):
    cookie = sign_in(site, "member@castlebridge-cil.example")

    async def scenario():
        ws = await open_socket(site, cookie)
        await ws.send(b'{"type": "hello", "last_seq": null, "x": "\xff\xfe"}', text=True)
        return await close_code(ws)

    assert asyncio.run(scenario()) == 1007


def test_a_message_over_a_mebibyte_closes_with_1009(site):
    cookie = sign_in(site, "member@castlebridge-cil.example")

    async def scenario():
        ws = await open_socket(site, cookie)
        await ws.send(json.dumps({"type": "hello", "pad": "x" * (1024 * 1024 + 1)}))
        return await close_code(ws)

    assert asyncio.run(scenario()) == 1009


def test_a_refused_socket_reads_4403_not_an_http_error(site):
    async def scenario():
        ws = await open_socket(site)  # signed out
        return await close_code(ws)

    assert asyncio.run(scenario()) == 4403


@pytest.mark.parametrize("path", ["/ws/live/abc/", "/ws/nope/"])
def test_unknown_paths_close_with_4404_and_leave_no_traceback(site, path):
    async def scenario():
        ws = await open_socket(site, path=path)
        return await close_code(ws)

    assert asyncio.run(scenario()) == 4404
    assert "Traceback" not in served_log(site)
    assert "No route found" not in served_log(site)


def test_a_foreign_origin_is_still_refused_at_the_handshake(site):
    async def scenario():
        with pytest.raises(InvalidStatus) as refused:
            await connect(ws_url(site), origin="https://elsewhere.example")
        return refused.value.response.status_code

    assert asyncio.run(scenario()) == 403


def rss_bytes(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def pump(site, start, count):
    """Log `count` captions in the served process, each broadcast as it commits."""
    url = f"{site.url}/test-pump/?start={start}&count={count}"
    with urllib.request.urlopen(url, timeout=600) as response:  # noqa: S310 - our own test server
        return json.loads(response.read())


SLOW_CLOSE_LOGGED = "the client did not keep up"
EVENTS = 5000
BATCH = 250


class RawSocket:
    """A WebSocket client written by hand on a plain socket, so it reads only when told to."""

    def __init__(self, site, cookie):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # a small window
        self.sock.settimeout(60)
        self.sock.connect(("127.0.0.1", site.port))
        key = base64.b64encode(os.urandom(16)).decode()
        request = (
            f"GET {LIVE_SOCKET} HTTP/1.1\r\nHost: 127.0.0.1:{site.port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            f"Origin: {site.url}\r\nCookie: {cookie}\r\n\r\n"
        )
        self.sock.sendall(request.encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            self.buffer += self.sock.recv(1)  # byte by byte: nothing past the headers is taken
        assert self.buffer.startswith(b"HTTP/1.1 101"), self.buffer

    def send(self, message):
        payload = json.dumps(message).encode()
        mask = os.urandom(4)
        assert len(payload) < 126
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
        self.sock.sendall(bytes([0x81, 0x80 | len(payload)]) + mask + masked)

    def _read(self, n):
        data = b""
        while len(data) < n:
            chunk = self.sock.recv(n - len(data))
            if not chunk:
                raise ConnectionError("closed without a close frame")
            data += chunk
        return data

    def frame(self):
        """(opcode, payload) of the next frame."""
        first, second = self._read(2)
        length = second & 0x7F
        if length == 126:
            length = struct.unpack("!H", self._read(2))[0]
        elif length == 127:
            length = struct.unpack("!Q", self._read(8))[0]
        return first & 0x0F, self._read(length)


def test_a_client_that_stops_reading_is_closed_and_resumes_with_the_right_state(site):
    cookie = sign_in(site, "member@castlebridge-cil.example")
    slow = RawSocket(site, cookie)
    slow.send({"type": "hello", "last_seq": None})
    last_seq = None
    while last_seq is None:
        _opcode, payload = slow.frame()
        message = json.loads(payload)
        if message["type"] == "snapshot":
            last_seq = message["seq"]

    # The client stops reading; 5,000 events of near 2 KB each are sent.
    before = rss_bytes(site.process.pid)
    sent = 0
    while sent < EVENTS and SLOW_CLOSE_LOGGED not in served_log(site):
        pumped = pump(site, sent, BATCH)
        slow.send({"type": "heartbeat"})  # as the page does, so the server's own pings do not end it first
        sent += BATCH
    after = rss_bytes(site.process.pid)
    assert SLOW_CLOSE_LOGGED in served_log(site), "the server never closed the slow client"

    # Reading again: what was already on its way, then the close frame.
    received = 0
    while True:
        opcode, payload = slow.frame()
        if opcode == 0x8:
            code = struct.unpack("!H", payload[:2])[0]
            break
        if opcode in (0x9, 0xA):  # the server's keep-alive ping, on a run slow enough to see one
            continue
        message = json.loads(payload)
        if message["type"] == "caption":
            received += 1
            last_seq = message["seq"]
    slow.sock.close()

    # The rest of the 5,000 go out; the browser then reconnects from its last seq.
    if sent < EVENTS:
        pumped = pump(site, sent, EVENTS - sent)

    async def reconnect():
        again = await open_socket(site, cookie)
        await again.send(json.dumps({"type": "hello", "last_seq": last_seq}))
        resumed = json.loads(await again.recv())
        while resumed["type"] not in ("snapshot", "synced"):
            resumed = json.loads(await again.recv())
        await again.close()
        return resumed

    resumed = asyncio.run(reconnect())
    assert code == 4408
    assert received < EVENTS
    assert after - before < 100 * 1024 * 1024, f"the server grew by {(after - before) // 2**20} MiB"
    assert resumed["type"] == "snapshot"  # thousands behind: more than a replay
    assert resumed["seq"] >= pumped["head"]
    assert resumed["captions"][-1]["text"].startswith(pumped["last"])


def test_make_serve_runs_this_server():
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text()
    assert "-m coproduction.server" in makefile
    assert os.path.exists(Path(__file__).resolve().parent.parent / "coproduction" / "server.py")
