"""The chair's actions, each declared once beside its handler (coproduction/live/registry.py)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import events
from .handlers import ENDED, LIVE, PAUSED, SCHEDULED, log_queue, log_signals, lower_hands, raised_hand
from .models import AccessSignal, AgendaItem, HandState, LiveSession, RaisedHand, WrittenQuestion
from .protocol import QUESTION_STATUSES, SIGNAL_KINDS, ProtocolError
from .registry import Field, register_action
from .snapshots import active_hands, state_payload


def _hand(session, hand_id):
    hand = raised_hand(session, pk=hand_id)
    if hand is None:
        raise ProtocolError("not_found", "That hand is not raised in this session.")
    return hand


def _set_state(unit, new_state):
    session = unit.session
    session.state = new_state
    changes = {"state": new_state}
    now = timezone.now()
    if new_state == LIVE and session.started_at is None:
        changes["started_at"] = session.started_at = now
    if new_state == ENDED:
        changes["ended_at"] = session.ended_at = now
    if new_state == LIVE and session.current_item_id is None:
        first = next(iter(session.ordered_agenda()), None)
        if first is not None:
            changes["current_item"] = first
            session.current_item_id = first.pk
    LiveSession.objects.filter(pk=session.pk).update(**changes)
    unit.log(events.State(**state_payload(session)))
    return {"state": new_state}


@register_action(
    "start",
    doc="Start the session, or resume it after a break.",
    role="chair",
    confirmation=_("The session is live."),
)
def start(unit, user, data):
    unit.require_state(SCHEDULED, PAUSED)
    return _set_state(unit, LIVE)


@register_action(
    "pause", doc="Pause for a break.", role="chair", confirmation=_("The session is on a break.")
)
def pause(unit, user, data):
    unit.require_state(LIVE)
    return _set_state(unit, PAUSED)


@register_action("end", doc="End the session.", role="chair", confirmation=_("The session has ended."))
def end(unit, user, data):
    unit.require_state(SCHEDULED, LIVE, PAUSED)
    lower_hands(*active_hands(unit.session))
    result = _set_state(unit, ENDED)
    log_queue(unit)
    return result


@register_action(
    "set_agenda",
    doc="Move to an agenda item.",
    fields={"item_id": Field(int)},
    role="chair",
    confirmation=_("The agenda item has changed."),
)
def set_agenda(unit, user, data):
    unit.require_state(SCHEDULED, LIVE, PAUSED)
    item = AgendaItem.objects.filter(session=unit.session, pk=data["item_id"]).first()
    if item is None:
        raise ProtocolError("not_found", "That agenda item is not in this session.")
    unit.session.current_item_id = item.pk
    LiveSession.objects.filter(pk=unit.session.pk).update(current_item=item)
    unit.log(events.State(**state_payload(unit.session)))
    return {"item_id": item.pk}


@register_action(
    "give_floor",
    doc="Give the floor to a raised hand.",
    fields={"hand_id": Field(int)},
    role="chair",
    confirmation=_("You gave the floor."),
)
def give_floor(unit, user, data):
    unit.require_state(LIVE)
    hand = _hand(unit.session, data["hand_id"])
    # Whoever had the floor gives it back: one speaker at a time.
    lower_hands(*RaisedHand.objects.filter(session=unit.session, state=HandState.FLOOR))
    RaisedHand.objects.filter(pk=hand.pk).update(state=HandState.FLOOR)
    unit.log(events.Floor(hand_id=hand.pk), person=hand.member)
    log_queue(unit)
    return {"hand_id": hand.pk}


@register_action(
    "lower_hand_for",
    doc="Lower someone's hand.",
    fields={"hand_id": Field(int)},
    role="chair",
    confirmation=_("The hand is lowered."),
)
def lower_hand_for(unit, user, data):
    hand = _hand(unit.session, data["hand_id"])
    lower_hands(hand)
    unit.log(events.HandLowered(hand_id=hand.pk), person=hand.member)
    log_queue(unit)
    return {"hand_id": hand.pk}


@register_action(
    "clear_hands", doc="Lower every hand.", role="chair", confirmation=_("All hands are lowered.")
)
def clear_hands(unit, user, data):
    hands = list(RaisedHand.objects.filter(session=unit.session).exclude(state=HandState.LOWERED))
    lower_hands(*hands)
    for hand in hands:
        unit.log(events.HandLowered(hand_id=hand.pk), person=hand.member)
    log_queue(unit)
    return {"lowered": len(hands)}


@register_action(
    "mark_question",
    doc="Mark a written question read out or answered, and publish it or not.",
    fields={
        "question_id": Field(int),
        "status": Field(str, choices=QUESTION_STATUSES),
        "publish": Field(bool, required=False),
    },
    role="chair",
    confirmation=_("The question is marked."),
)
def mark_question(unit, user, data):
    question = WrittenQuestion.objects.filter(session=unit.session, pk=data["question_id"]).first()
    if question is None:
        raise ProtocolError("not_found", "That question is not in this session.")
    question.status = data["status"]
    if data.get("publish") is not None:
        question.publish = data["publish"]
    question.save(update_fields=["status", "publish"])
    if question.member_id:
        unit.log(
            events.QuestionStatus(question_id=question.pk, status=question.status), person=question.member
        )
    unit.log(
        events.ChairQuestionStatus(question_id=question.pk, status=question.status, publish=question.publish)
    )
    return {"question_id": question.pk, "status": question.status}


@register_action(
    "reset_signals",
    doc="Reset the access signal counts (one kind, or all).",
    fields={"kind": Field(str, required=False, choices=SIGNAL_KINDS)},
    role="chair",
    confirmation=_("The signal counts are reset."),
)
def reset_signals(unit, user, data):
    signals = AccessSignal.objects.filter(session=unit.session, reset_at__isnull=True)
    if data.get("kind"):
        signals = signals.filter(kind=data["kind"])
    signals.update(reset_at=timezone.now())
    log_signals(unit)
    return {"reset": data.get("kind") or "all"}


@register_action(
    "announce",
    doc="A short announcement to everyone.",
    fields={"text": Field(str, max_length=500)},
    role="chair",
    confirmation=_("Your announcement has been sent."),
)
def announce(unit, user, data):
    return set_announcement(unit, data["text"])


def set_announcement(unit, text):
    """Show `text` to everyone as the chair's announcement (other apps' actions use it too)."""
    text = text.strip()
    unit.session.announcement = text
    LiveSession.objects.filter(pk=unit.session.pk).update(announcement=text)
    unit.log(events.Announcement(text=text))
    return {"text": text}
