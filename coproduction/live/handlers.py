"""The engine's member and captioner actions, each declared once beside its handler
(coproduction/live/registry.py); the chair's are in chair_actions.py.

A handler gets the unit of work (the locked session, `log`, `require_state`), the person
and the checked fields, changes the rows, logs typed events and returns the ack's result.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import events
from .models import (
    AccessSignal,
    CaptionLine,
    HandState,
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


def log_queue(unit):
    """Log the queue as everyone sees it (ids only) and as chairs see it (names and notes)."""
    hands = active_hands(unit.session)
    unit.log(events.Queue(**queue_payload(hands)))
    unit.log(events.ChairQueue(**chair_queue_payload(hands)))


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
    log_queue(unit)
    return {"hand_id": hand.pk}


@register_action(
    "lower_hand", doc="Leave the queue (or give back the floor).", confirmation=_("Your hand is lowered.")
)
def lower_hand(unit, user, data):
    hand = raised_hand(unit.session, member=user)
    if hand is None:
        raise ProtocolError("invalid_value", "Your hand is not raised.")
    lower_hands(hand)
    log_queue(unit)
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
