"""Carrying out an action: role, lock, idempotency, handler, broadcast after commit.

`perform` is the only way the consumer and the form-post view change a session. The work
happens inside a `UnitOfWork`, which owns the session's row lock, numbers the events the
handler logs, and broadcasts them once the transaction has committed, so no client ever
sees something that was rolled back.
"""

import sys

from django.db import transaction
from django.utils.translation import gettext

from .log import broadcast
from .models import LiveEvent, LiveSession, ProcessedAction, SessionState
from .protocol import ProtocolError
from .registry import ACTIONS
from .roles import role_for


class UnitOfWork:
    """One change to one session, in one transaction.

    Entering it locks the session row (`unit.session`); `unit.log(event)` adds an event
    with the next seq; leaving it without an error commits and, after the commit,
    broadcasts what was logged. An error rolls everything back and nothing is sent.
    """

    def __init__(self, session_id):
        self.session_id = session_id
        self.session = None
        self.events = []
        self._atomic = transaction.atomic()

    def __enter__(self):
        self._atomic.__enter__()
        try:
            self.session = LiveSession.objects.select_for_update().get(pk=self.session_id)
        except BaseException:
            # Leave the transaction as an error leaves it (rolled back), then let the error go on.
            self._atomic.__exit__(*sys.exc_info())
            raise
        return self

    def __exit__(self, exc_type, exc, traceback):
        if exc_type is None and self.events:
            session_id, events = self.session_id, list(self.events)
            transaction.on_commit(lambda: broadcast(session_id, events))
        return self._atomic.__exit__(exc_type, exc, traceback)

    def log(self, event, person=None):
        """Log a typed event (coproduction/live/events.py) with the session's next seq."""
        if event.audience == "person" and person is None:
            raise ValueError(f"{event.type} is for one person: say who")
        self.session.last_seq += 1
        LiveSession.objects.filter(pk=self.session.pk).update(last_seq=self.session.last_seq)
        logged = LiveEvent.objects.create(
            session=self.session,
            seq=self.session.last_seq,
            type=event.type,
            payload=event.payload(),
            audience=event.audience,
            person=person,
        )
        self.events.append(logged)
        return logged

    def require_state(self, *states):
        """Refuse the action unless the session is in one of `states`, saying why in words."""
        if self.session.state not in states:
            why = {
                SessionState.SCHEDULED: gettext("The session has not started yet."),
                SessionState.LIVE: gettext("The session is already live."),
                SessionState.PAUSED: gettext("The session is on a break. Resume it first."),
                SessionState.ENDED: gettext("This session has ended, so this can no longer be done."),
            }[self.session.state]
            raise ProtocolError("wrong_state", why)


def perform(session_id, user, schema, action_id, data):
    """Carry out one action, once per action id. Returns (result, duplicate).

    Permission is checked here, on every action, not only when the person joined.
    """
    action = ACTIONS[schema.type]
    role = role_for(session_id, user)
    if role is None:
        raise ProtocolError("forbidden", "You are not allowed in this session.", action_id)
    if not role.may_send(action):
        who = {"chair": "the chair", "captioner": "a captioner"}[action.role]
        raise ProtocolError("forbidden", f"Only {who} can do this.", action_id)
    try:
        with UnitOfWork(session_id) as unit:
            done = ProcessedAction.objects.filter(
                session=unit.session, member=user, action_id=action_id
            ).first()
            if done is not None:
                return done.result, True
            result = action.handler(unit, user, data)
            ProcessedAction.objects.create(
                session=unit.session, member=user, action_id=action_id, result=result
            )
    except ProtocolError as error:
        error.action_id = action_id
        raise
    return result, False
