"""The engine's member and captioner actions, each declared once beside its handler
(coproduction/live/registry.py); the chair's are in chair_actions.py.

A handler gets the unit of work (the locked session, `log`, `require_state`), the person
and the checked fields, changes the rows, logs typed events and returns the ack's result.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import events
from .deferred import run_later
from .models import (
    AccessSignal,
    CaptionLine,
    HandState,
    LiveSession,
    RaisedHand,
    SessionState,
    WrittenQuestion,
)
from .protocol import SIGNAL_KINDS, ProtocolError
from .registry import Field, register_action
from .snapshots import (
    active_hands,
    caption_data,
    chair_queue_payload,
    question_data,
    queue_payload,
    signal_counts,
)

LIVE, PAUSED, SCHEDULED, ENDED = (
    SessionState.LIVE,
    SessionState.PAUSED,
    SessionState.SCHEDULED,
    SessionState.ENDED,
)


# However many hands go up at once, the queue is told at most once per window: each change
# sends every member a frame, so a crowd raising hands together would otherwise cost N².
QUEUE_WINDOW = timedelta(milliseconds=500)
# A flush this close to the window's end still runs: the timer and the clock disagree by a
# few milliseconds.
FLUSH_MARGIN = timedelta(milliseconds=40)


def log_queue(unit):
    """Log the queue now, as everyone sees it (ids only) and as chairs see it (names and notes)."""
    hands = active_hands(unit.session)
    logged = unit.log(events.Queue(**queue_payload(hands)))
    unit.log(events.ChairQueue(**chair_queue_payload(hands)))
    session = unit.session
    session.queue_dirty, session.queue_logged_at = False, logged.created_at
    LiveSession.objects.filter(pk=session.pk).update(queue_dirty=False, queue_logged_at=logged.created_at)


def queue_changed(unit):
    """A member raised or lowered a hand: tell the queue now, or at the end of this window.

    The first change after a quiet spell is told at once; the changes within the next half
    second are told together when it is up (`flush_queue`, run after the commit). The
    chair's own changes to the queue are told at once (`log_queue`)."""
    session = unit.session
    now = timezone.now()
    if session.queue_logged_at is None or now - session.queue_logged_at >= QUEUE_WINDOW:
        log_queue(unit)
        return
    if session.queue_dirty:
        return  # a flush is already asked for
    session.queue_dirty = True
    LiveSession.objects.filter(pk=session.pk).update(queue_dirty=True)
    delay = (session.queue_logged_at + QUEUE_WINDOW - now).total_seconds()
    session_id = session.pk
    transaction.on_commit(lambda: run_later(delay, flush_queue, session_id))


def flush_queue(session_id):
    """Log the queue if a hand changed since it was last logged."""
    from .actions import UnitOfWork  # the unit of work runs the handlers that import this

    with UnitOfWork(session_id) as unit:
        session = unit.session
        if not session.queue_dirty:
            return
        # A flush that ran late finds the queue told since, and a newer change waiting with its
        # own flush asked for: this one leaves it to that.
        if session.queue_logged_at and timezone.now() - session.queue_logged_at < QUEUE_WINDOW - FLUSH_MARGIN:
            return
        log_queue(unit)


def log_signals(unit):
    unit.log(events.Signals(counts=signal_counts(unit.session)))


def raised_hand(session, **where):
    return RaisedHand.objects.filter(session=session, **where).exclude(state=HandState.LOWERED).first()


def lower_hands(*hands):
    RaisedHand.objects.filter(pk__in=[h.pk for h in hands]).update(
        state=HandState.LOWERED, lowered_at=timezone.now()
    )


# Member actions ------------------------------------------------------------------------


@register_action(
    "raise_hand",
    doc="Join the queue to speak, with an optional note.",
    fields={"note": Field(str, required=False, max_length=200)},
    confirmation=_("Your hand is raised."),
)
def raise_hand(unit, user, data):
    unit.require_state(LIVE, PAUSED, SCHEDULED)
    if raised_hand(unit.session, member=user) is not None:
        raise ProtocolError("invalid_value", "Your hand is already raised.")
    hand = RaisedHand.objects.create(session=unit.session, member=user, note=(data.get("note") or "").strip())
    queue_changed(unit)
    return {"hand_id": hand.pk}


@register_action(
    "lower_hand", doc="Leave the queue (or give back the floor).", confirmation=_("Your hand is lowered.")
)
def lower_hand(unit, user, data):
    hand = raised_hand(unit.session, member=user)
    if hand is None:
        raise ProtocolError("invalid_value", "Your hand is not raised.")
    lower_hands(hand)
    queue_changed(unit)
    return {"hand_id": hand.pk}


@register_action(
    "ask_question",
    doc="Write a question or comment to the chair.",
    fields={"text": Field(str, max_length=1000)},
    confirmation=_("Your question has been sent to the chair."),
)
def ask_question(unit, user, data):
    unit.require_state(LIVE, PAUSED, SCHEDULED)
    session = unit.session
    question = WrittenQuestion.objects.create(
        session=session, member=user, text=data["text"].strip(), agenda_item_id=session.current_item_id
    )
    question = WrittenQuestion.objects.select_related("member__profile").get(pk=question.pk)
    unit.log(events.QuestionReceived(question=question_data(question)))
    return {"question_id": question.pk}


@register_action(
    "signal",
    doc="An access signal to the chair.",
    fields={"kind": Field(str, choices=SIGNAL_KINDS)},
    confirmation=_("The chair has been told."),
)
def signal(unit, user, data):
    unit.require_state(LIVE, PAUSED)
    try:
        with transaction.atomic():
            AccessSignal.objects.create(session=unit.session, member=user, kind=data["kind"])
    except IntegrityError:
        # Sent already and not reset: counted once per person, so nothing changes.
        return {"kind": data["kind"], "counted": False}
    log_signals(unit)
    return {"kind": data["kind"], "counted": True}


@register_action(
    "caption",
    doc="A line of captions.",
    fields={"text": Field(str, max_length=2000)},
    role="captioner",
    confirmation=_("Caption sent."),
)
def caption(unit, user, data):
    unit.require_state(LIVE, PAUSED)
    line = CaptionLine.objects.create(session=unit.session, captioner=user, text=data["text"].strip())
    unit.log(events.Caption(line=caption_data(line)))
    return {"line_id": line.pk}
