"""One registry of live actions: each action is declared once, beside its handler.

A declaration gives the action's type, its typed fields with their limits, who may send
it, the confirmation a form post shows and the handler that carries it out. The
consumer, the form-post fallback, the chair's console, the browser code (through a JSON
blob in the page) and the docs test all read this registry. Another app adds its own
actions the same way, from its AppConfig.ready(), without editing the engine:

    @register_action("show_agenda_question", role="chair", doc="...", confirmation=_("..."))
    def show_agenda_question(unit, user, data):
        ...
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

ROLES = ("member", "chair", "captioner")


@dataclass(frozen=True)
class Field:
    """One field of a client message: its Python type, whether it is required, its limits."""

    kind: type
    required: bool = True
    max_length: int | None = None
    choices: tuple | None = None


@dataclass(frozen=True)
class ClientMessage:
    """A message that is not an action (hello, heartbeat): no id, no ack."""

    type: str
    doc: str
    fields: dict = field(default_factory=dict)
    role: str = "member"
    action = False


@dataclass(frozen=True)
class Action:
    """An action a client may send: it carries an `id` and gets an `ack` or an `error`.

    `handler(unit, user, data)` does the work inside the session's unit of work
    (coproduction/live/actions.py) and returns the result for the `ack`. `button`, if
    given, puts the action on the chair's console among "More for the chair", where
    `offered(session)` (if given) says whether it applies to that session.
    """

    type: str
    doc: str
    handler: object
    confirmation: str
    fields: dict = field(default_factory=dict)
    role: str = "member"
    button: str = ""
    offered: object = None
    action = True

    def offered_in(self, session):
        return self.offered is None or self.offered(session)


CONTROL_MESSAGES = {
    m.type: m
    for m in [
        ClientMessage(
            "hello",
            "Start or resume: the last seq seen, or null for a full snapshot.",
            {"last_seq": Field(int, required=False)},
        ),
        ClientMessage("heartbeat", "Keep-alive; the reply carries the latest seq."),
    ]
}

ACTIONS = {}


def register_action(action_type, *, doc, confirmation, fields=None, role="member", button="", offered=None):
    """Declare an action and its handler (use it as a decorator on the handler)."""
    if role not in ROLES:
        raise ValueError(f"{action_type}: role must be one of {', '.join(ROLES)}, not {role!r}")

    def register(handler):
        known = ACTIONS.get(action_type)
        same = known is not None and known.handler.__qualname__ == handler.__qualname__
        if action_type in CONTROL_MESSAGES or (known is not None and not same):
            raise ValueError(f"The live action {action_type!r} is declared twice.")
        ACTIONS[action_type] = Action(
            type=action_type,
            doc=doc,
            handler=handler,
            confirmation=confirmation,
            fields=dict(fields or {}),
            role=role,
            button=button,
            offered=offered,
        )
        return handler

    return register


class _ClientMessages(Mapping):
    """Every message a client may send, by type: the control messages, then the actions."""

    def __getitem__(self, message_type):
        if message_type in CONTROL_MESSAGES:
            return CONTROL_MESSAGES[message_type]
        return ACTIONS[message_type]

    def __iter__(self):
        yield from CONTROL_MESSAGES
        yield from ACTIONS

    def __len__(self):
        return len(CONTROL_MESSAGES) + len(ACTIONS)


CLIENT_MESSAGES = _ClientMessages()


def browser_config():
    """What live.js needs of each action, rendered into the page as JSON (no second list in JS)."""
    return {
        action.type: {
            "confirmation": str(action.confirmation),
            "int_fields": [name for name, spec in action.fields.items() if spec.kind is int],
            "bool_fields": [name for name, spec in action.fields.items() if spec.kind is bool],
            "text_fields": [
                name for name, spec in action.fields.items() if spec.kind is str and spec.max_length
            ],
            "optional_fields": [name for name, spec in action.fields.items() if not spec.required],
        }
        for action in ACTIONS.values()
    }


def console_actions(session):
    """The registered chair actions with a button of their own that apply to this session."""
    return [
        action
        for action in ACTIONS.values()
        if action.role == "chair" and action.button and action.offered_in(session)
    ]
