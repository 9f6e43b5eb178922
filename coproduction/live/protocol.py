"""The live session protocol, declared once: the consumer, the HTTP fallback, the docs
(docs/live-protocol.md) and the tests all use these schemas.
"""

from dataclasses import dataclass, field

MAX_MESSAGE_BYTES = 8 * 1024
ACTIONS_PER_SECOND = 10
# Form posts (the no-WebSocket fallback) are a person clicking buttons: a per-minute limit
# is generous for that and keeps a script from hammering the page renders behind them.
FORM_POSTS_PER_MINUTE = 60


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


@dataclass(frozen=True)
class Field:
    kind: type
    required: bool = True
    max_length: int | None = None
    choices: tuple | None = None


@dataclass(frozen=True)
class ClientMessage:
    """A message a client may send. Actions carry an `id` and get an `ack` or an `error`."""

    type: str
    doc: str
    fields: dict = field(default_factory=dict)
    role: str = "member"  # member, chair or captioner: who may send it
    action: bool = True


SIGNAL_KINDS = ("slow_down", "break", "cant_hear", "repeat")
QUESTION_STATUSES = ("new", "read_out", "answered")

CLIENT_MESSAGES = {
    m.type: m
    for m in [
        ClientMessage(
            "hello",
            "Start or resume: the last seq seen, or null for a full snapshot.",
            {"last_seq": Field(int, required=False)},
            action=False,
        ),
        ClientMessage("heartbeat", "Keep-alive; the reply carries the latest seq.", action=False),
        ClientMessage(
            "raise_hand",
            "Join the queue to speak, with an optional note.",
            {"note": Field(str, required=False, max_length=200)},
        ),
        ClientMessage("lower_hand", "Leave the queue (or give back the floor)."),
        ClientMessage(
            "ask_question", "Write a question or comment to the chair.", {"text": Field(str, max_length=1000)}
        ),
        ClientMessage("signal", "An access signal to the chair.", {"kind": Field(str, choices=SIGNAL_KINDS)}),
        ClientMessage(
            "caption", "A line of captions.", {"text": Field(str, max_length=2000)}, role="captioner"
        ),
        ClientMessage("start", "Start the session, or resume it after a break.", role="chair"),
        ClientMessage("pause", "Pause for a break.", role="chair"),
        ClientMessage("end", "End the session.", role="chair"),
        ClientMessage("set_agenda", "Move to an agenda item.", {"item_id": Field(int)}, role="chair"),
        ClientMessage(
            "give_floor", "Give the floor to a raised hand.", {"hand_id": Field(int)}, role="chair"
        ),
        ClientMessage("lower_hand_for", "Lower someone's hand.", {"hand_id": Field(int)}, role="chair"),
        ClientMessage("clear_hands", "Lower every hand.", role="chair"),
        ClientMessage(
            "mark_question",
            "Mark a written question read out or answered, and publish it or not.",
            {
                "question_id": Field(int),
                "status": Field(str, choices=QUESTION_STATUSES),
                "publish": Field(bool, required=False),
            },
            role="chair",
        ),
        ClientMessage(
            "reset_signals",
            "Reset the access signal counts (one kind, or all).",
            {"kind": Field(str, required=False, choices=SIGNAL_KINDS)},
            role="chair",
        ),
        ClientMessage(
            "announce",
            "A short announcement to everyone.",
            {"text": Field(str, max_length=500)},
            role="chair",
        ),
    ]
}


@dataclass(frozen=True)
class ServerEvent:
    """An event in the session's log. `audience` says who receives it."""

    type: str
    doc: str
    fields: tuple
    audience: str = "all"  # all, chairs or person


SERVER_EVENTS = {
    e.type: e
    for e in [
        ServerEvent("state", "The session's state and current agenda item.", ("state", "item")),
        ServerEvent(
            "queue",
            "The order of raised hands, by opaque hand id, and who has the floor.",
            ("hands", "floor"),
        ),
        ServerEvent("chair_queue", "The queue with names and notes, for chairs.", ("hands",), "chairs"),
        ServerEvent("floor", "You have the floor (sent to that member only).", ("hand_id",), "person"),
        ServerEvent(
            "hand_lowered",
            "Your hand was lowered by the chair (to that member only).",
            ("hand_id",),
            "person",
        ),
        ServerEvent("question_received", "A written question, for chairs.", ("question",), "chairs"),
        ServerEvent(
            "question_status", "What happened to your written question.", ("question_id", "status"), "person"
        ),
        ServerEvent(
            "chair_question_status",
            "A written question changed status, for chairs.",
            ("question_id", "status", "publish"),
            "chairs",
        ),
        ServerEvent("signals", "Access signal counts, never names, for chairs.", ("counts",), "chairs"),
        ServerEvent("caption", "A new caption line.", ("line",)),
        ServerEvent("announcement", "An announcement from the chair.", ("text",)),
    ]
}

# Messages outside the log: no seq.
EPHEMERAL_MESSAGES = ("ack", "error", "heartbeat", "snapshot", "synced", "presence")


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


def validate_server_message(message):
    """For tests and the docs: a message the server sent matches its declaration."""
    message_type = message["type"]
    if message_type in SERVER_EVENTS:
        assert isinstance(message.get("seq"), int), message
        missing = set(SERVER_EVENTS[message_type].fields) - set(message)
        assert not missing, f"{message_type} lacks {missing}"
    else:
        assert message_type in EPHEMERAL_MESSAGES, message_type
    return message
