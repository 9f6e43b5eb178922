"""The web server: daphne, with the WebSocket behaviour docs/live-protocol.md promises.

    python -m coproduction.server -b 127.0.0.1 -p 8000 coproduction.asgi:application

takes daphne's own options, and changes two things:

- A protocol fault is answered with a close frame and its code, not a dropped
  connection: invalid UTF-8 in a text frame closes with 1007, a message over daphne's
  --websocket-max-message-size (1 MiB unless set) with 1009. (daphne's own default drops
  the TCP connection, which a browser reports as 1006.)
- A WebSocket handshake may take HANDSHAKE_SECONDS (daphne: 5), so a crowd arriving
  together on a busy machine is seated rather than reset.
- A slow client is bounded: Twisted buffers every write without limit, so a socket
  whose unsent data passes SLOW_CLIENT_BUFFER is closed with TOO_SLOW (4408) and sent
  nothing more. The browser reconnects and resumes from its last seq.
"""

import daphne.server  # noqa: I001 - first: it installs the asyncio reactor Twisted must use

import logging

from daphne.cli import CommandLineInterface
from daphne.ws_protocol import WebSocketProtocol

SLOW_CLIENT_BUFFER = 1024 * 1024  # bytes written but not yet taken by the client
TOO_SLOW = 4408
TOO_SLOW_REASON = "too slow: reconnect and resume"
# How long a slow client has to read what is already queued and the close frame behind
# it; then the connection is dropped and its buffer freed.
SLOW_CLOSE_GRACE_SECONDS = 30
HANDSHAKE_SECONDS = 30

logger = logging.getLogger("coproduction.server")  # also when run as __main__


def unsent_bytes(transport):
    """How much a Twisted TCP transport holds for the client (0 if it cannot tell)."""
    while transport is not None and not hasattr(transport, "dataBuffer"):
        transport = getattr(transport, "transport", None)  # a TLS or policy wrapper
    if transport is None:
        return 0
    return len(transport.dataBuffer) - transport.offset + transport._tempDataLen


class BoundedWebSocketProtocol(WebSocketProtocol):
    """daphne's WebSocket protocol, closing a client that does not keep up."""

    def serverSend(self, content, binary=False):
        if self.state == self.STATE_OPEN and unsent_bytes(self.transport) > SLOW_CLIENT_BUFFER:
            self.close_too_slow()
            return
        if self.state == self.STATE_OPEN or self.state == self.STATE_CONNECTING:
            super().serverSend(content, binary)

    def close_too_slow(self):
        logger.info("WebSocket %s closed: the client did not keep up", self.client_addr)
        self.closeHandshakeTimeout = SLOW_CLOSE_GRACE_SECONDS
        self.sendClose(code=TOO_SLOW, reason=TOO_SLOW_REASON)
        # The application hears now, not after the grace, so it stops sending at once.
        if not self.muted and hasattr(self, "application_queue"):
            self.application_queue.put_nowait({"type": "websocket.disconnect", "code": TOO_SLOW})
            self.muted = True


class Server(daphne.server.Server):
    """daphne's server, building our WebSocket protocol with our options."""

    @property
    def ws_factory(self):
        return self._ws_factory

    @ws_factory.setter
    def ws_factory(self, factory):
        # daphne builds its WebSocket factory inside run(); this is where it hands it over.
        factory.protocol = BoundedWebSocketProtocol
        factory.setProtocolOptions(failByDrop=False)
        self._ws_factory = factory


class ServerCommand(CommandLineInterface):
    """daphne's command line, running our server."""

    server_class = Server

    def __init__(self):
        super().__init__()
        # daphne resets a WebSocket handshake not done within 5 s; a crowd arriving at once
        # on a busy machine is better seated late than refused (--websocket_connect_timeout).
        self.parser.set_defaults(websocket_connect_timeout=HANDSHAKE_SECONDS)


def main():
    ServerCommand.entrypoint()


if __name__ == "__main__":
    main()
