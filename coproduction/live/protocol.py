"""The live session protocol: limits, errors and the check of every client message.

The consumer, the HTTP fallback, the docs (docs/live-protocol.md) and the tests all use
these schemas.
"""

import time

from .events import EPHEMERAL_MESSAGES, EVENTS, validate_server_message
from .registry import CLIENT_MESSAGES, ClientMessage, Field

__all__ = [
    "CLIENT_MESSAGES",
    "EPHEMERAL_MESSAGES",
    "ClientMessage",
    "Field",
    "ProtocolError",
    "server_now",
    "validate_client_message",
    "validate_server_message",
]

MAX_MESSAGE_BYTES = 8 * 1024
ACTIONS_PER_SECOND = 10
# Form posts (the no-WebSocket fallback) are a person clicking buttons: a per-minute limit
# is generous for that and keeps a script from hammering the page renders behind them.
FORM_POSTS_PER_MINUTE = 60


def server_now():
    """The server's clock in milliseconds since 1970, as `snapshot` and `synced` carry it: a
    client counting down to a stored time (a World Café round's end) counts by this, so a
    device whose clock is wrong still shows the right time left."""
    return int(time.time() * 1000)


class ProtocolError(Exception):
    """A message the server refuses; the connection stays open."""

    def __init__(self, code, message, action_id=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.action_id = action_id

    def as_message(self):
        reply = {"type": "error", "code": self.code, "message": self.message}
        if self.action_id is not None:
            reply["id"] = self.action_id
        return reply


ERROR_CODES = {
    "bad_json": "The message is not valid JSON.",
    "too_large": "The message is larger than 8 KB.",
    "unknown_type": "The message type is not one the server knows.",
    "missing_field": "A required field is missing.",
    "wrong_type": "A field has the wrong type.",
    "invalid_value": "A field's value is not allowed (too long, empty, or not one of the choices).",
    "forbidden": "You are not allowed to do this in this session.",
    "not_found": "The hand, question or agenda item does not exist in this session.",
    "wrong_state": "The session is not in a state where this can be done.",
    "rate_limited": "Too many actions: at most 10 a second.",
    "server_error": "Something failed on the server; the action may be retried with the same id.",
}


# The messages themselves are declared where they are handled: actions in the registry
# (coproduction/live/registry.py, the engine's own in handlers.py), events as typed
# classes (coproduction/live/events.py).
SERVER_EVENTS = EVENTS
SIGNAL_KINDS = ("slow_down", "break", "cant_hear", "repeat")
QUESTION_STATUSES = ("new", "read_out", "answered")


def validate_client_message(message):
    """Return the declared schema for a decoded message, or raise ProtocolError."""
    if not isinstance(message, dict):
        raise ProtocolError("wrong_type", "A message must be a JSON object.")
    action_id = message.get("id")
    if action_id is not None and (not isinstance(action_id, str) or not 0 < len(action_id) <= 64):
        raise ProtocolError("wrong_type", "The id must be a string of 1 to 64 characters.")
    message_type = message.get("type")
    if not isinstance(message_type, str):
        raise ProtocolError("missing_field", "Every message needs a type.", action_id)
    schema = CLIENT_MESSAGES.get(message_type)
    if schema is None:
        raise ProtocolError("unknown_type", f"Unknown message type: {message_type[:40]}.", action_id)
    if schema.action and action_id is None:
        raise ProtocolError("missing_field", "An action needs an id.", None)
    for name, spec in schema.fields.items():
        if name not in message or message[name] is None:
            if spec.required:
                raise ProtocolError("missing_field", f"The field {name} is missing.", action_id)
            continue
        value = message[name]
        if spec.kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise ProtocolError("wrong_type", f"The field {name} must be a whole number.", action_id)
        if spec.kind is not int and not isinstance(value, spec.kind):
            raise ProtocolError("wrong_type", f"The field {name} must be a {spec.kind.__name__}.", action_id)
        if spec.kind is str:
            if spec.required and not value.strip():
                raise ProtocolError("invalid_value", f"The field {name} is empty.", action_id)
            if spec.max_length and len(value) > spec.max_length:
                raise ProtocolError(
                    "invalid_value",
                    f"The field {name} is longer than {spec.max_length} characters.",
                    action_id,
                )
        if spec.choices and value not in spec.choices:
            raise ProtocolError(
                "invalid_value", f"The field {name} must be one of {', '.join(spec.choices)}.", action_id
            )
    return schema
