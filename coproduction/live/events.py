"""Server events: one typed class each, as they are logged and sent (docs/live-protocol.md).

An event is built with exactly its declared fields, each of its declared type; anything
else raises TypeError when it is built, so a mistake fails on the server, in the test
that makes it, and never reaches a client (and no check here is an `assert`, which
`python -O` would drop). Another app adds an event the same way, with `@server_event`.
"""

import types
import typing
from dataclasses import dataclass, fields
from typing import ClassVar

EVENTS = {}

# Messages outside the log: no seq, not replayed.
EPHEMERAL_MESSAGES = ("ack", "error", "heartbeat", "snapshot", "synced", "presence")


def _matches(value, hint):
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_matches(value, option) for option in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if origin is list:
        (item,) = typing.get_args(hint)
        return isinstance(value, list) and all(_matches(v, item) for v in value)
    return isinstance(value, origin or hint)


_DECLARED = {}


def _declared(cls):
    """(name, type) of each field of an event class, worked out once per class."""
    if cls not in _DECLARED:
        hints = typing.get_type_hints(cls)
        _DECLARED[cls] = tuple((f.name, hints[f.name]) for f in fields(cls))
    return _DECLARED[cls]


@dataclass(frozen=True, kw_only=True, slots=True)
class ServerEvent:
    """A logged event: `type` and `audience` belong to the class, the fields to each event.

    `audience` is "all", "chairs" or "person" (then the event is logged with the person).
    """

    type: ClassVar[str]
    audience: ClassVar[str] = "all"
    doc: ClassVar[str] = ""

    def __post_init__(self):
        for name, hint in _declared(type(self)):
            value = getattr(self, name)
            if not _matches(value, hint):
                raise TypeError(
                    f"{self.type}: {name} must be {hint}, not {type(value).__name__} {value!r:.60}"
                )

    def payload(self):
        return {name: getattr(self, name) for name, _hint in _declared(type(self))}

    @classmethod
    def from_message(cls, message):
        """The event a client received (for tests): raises if a field is missing or undeclared."""
        return cls(**{k: v for k, v in message.items() if k not in ("type", "seq")})


def register_event(cls):
    """Register an event class that is already a dataclass; most declarations use `server_event`."""
    if cls.type in EVENTS and EVENTS[cls.type] is not cls:
        raise ValueError(f"The live event {cls.type!r} is declared twice.")
    if cls.audience not in ("all", "chairs", "person"):
        raise ValueError(f"{cls.type}: audience must be all, chairs or person")
    EVENTS[cls.type] = cls
    return cls


def server_event(cls):
    """Declare a server event: `cls` becomes a frozen, keyword-only dataclass and is registered."""
    return register_event(dataclass(frozen=True, kw_only=True, slots=True)(cls))


# The engine's own events ------------------------------------------------------------


@server_event
class State(ServerEvent):
    type: ClassVar[str] = "state"
    doc: ClassVar[str] = "The session's state, current agenda item and announcement."
    state: str
    item: dict | None
    announcement: str


@server_event
class Queue(ServerEvent):
    type: ClassVar[str] = "queue"
    doc: ClassVar[str] = "The order of raised hands, by opaque hand id, and who has the floor."
    hands: list[int]
    floor: int | None


@server_event
class ChairQueue(ServerEvent):
    type: ClassVar[str] = "chair_queue"
    audience: ClassVar[str] = "chairs"
    doc: ClassVar[str] = "The queue with names and notes, for chairs."
    hands: list[dict]


@server_event
class Floor(ServerEvent):
    type: ClassVar[str] = "floor"
    audience: ClassVar[str] = "person"
    doc: ClassVar[str] = "You have the floor (sent to that member only)."
    hand_id: int


@server_event
class HandLowered(ServerEvent):
    type: ClassVar[str] = "hand_lowered"
    audience: ClassVar[str] = "person"
    doc: ClassVar[str] = "Your hand was lowered by the chair (to that member only)."
    hand_id: int


@server_event
class QuestionReceived(ServerEvent):
    type: ClassVar[str] = "question_received"
    audience: ClassVar[str] = "chairs"
    doc: ClassVar[str] = "A written question, for chairs."
    question: dict


@server_event
class QuestionStatus(ServerEvent):
    type: ClassVar[str] = "question_status"
    audience: ClassVar[str] = "person"
    doc: ClassVar[str] = "What happened to your written question."
    question_id: int
    status: str


@server_event
class ChairQuestionStatus(ServerEvent):
    type: ClassVar[str] = "chair_question_status"
    audience: ClassVar[str] = "chairs"
    doc: ClassVar[str] = "A written question changed status, for chairs."
    question_id: int
    status: str
    publish: bool


@server_event
class Signals(ServerEvent):
    type: ClassVar[str] = "signals"
    audience: ClassVar[str] = "chairs"
    doc: ClassVar[str] = "Access signal counts, never names, for chairs."
    counts: dict


@server_event
class Caption(ServerEvent):
    type: ClassVar[str] = "caption"
    doc: ClassVar[str] = "A new caption line."
    line: dict


@server_event
class Announcement(ServerEvent):
    type: ClassVar[str] = "announcement"
    doc: ClassVar[str] = "An announcement from the chair."
    text: str


def validate_server_message(message):
    """For tests and the docs: a message the server sent matches its declaration, or this raises."""
    message_type = message.get("type")
    if message_type in EVENTS:
        if not isinstance(message.get("seq"), int) or isinstance(message.get("seq"), bool):
            raise TypeError(f"{message_type} has no whole-number seq: {message!r:.200}")
        EVENTS[message_type].from_message(message)
    elif message_type not in EPHEMERAL_MESSAGES:
        raise TypeError(f"The server sent a message of an undeclared type: {message_type!r}")
    return message
