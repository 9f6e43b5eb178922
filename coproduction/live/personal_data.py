"""What live sessions hold about a member, for "download my data" and account deletion.

docs/security.md ("Deleting an account") gives the rule for each kind of record.
"""

from django.db import transaction
from django.db.models import Q

from .actions import UnitOfWork
from .handlers import log_queue, log_signals
from .models import (
    AccessSignal,
    CaptionLine,
    HandState,
    LiveEvent,
    LiveSession,
    Presence,
    ProcessedAction,
    RaisedHand,
    SessionState,
    WrittenQuestion,
)


def _when(moment):
    return moment.isoformat() if moment else None


def live_sessions(user):
    """Hands, notes, written questions, access signals, captions and roles in live sessions."""
    hands = RaisedHand.objects.filter(member=user).select_related("session").order_by("raised_at")
    questions = WrittenQuestion.objects.filter(member=user).select_related("session", "agenda_item")
    signals = AccessSignal.objects.filter(member=user).select_related("session").order_by("created_at")
    captions = CaptionLine.objects.filter(captioner=user).select_related("session")
    actions = ProcessedAction.objects.filter(member=user).select_related("session").order_by("created_at")
    messages = LiveEvent.objects.filter(person=user).select_related("session").order_by("created_at")

    def titles(sessions):
        return sorted(sessions.values_list("title", flat=True))

    return "live_sessions", {
        "raised_hands": [
            {
                "session": h.session.title,
                "note": h.note,
                "state": h.state,
                "raised_at": h.raised_at.isoformat(),
                "lowered_at": _when(h.lowered_at),
            }
            for h in hands
        ],
        "written_questions": [
            {
                "session": q.session.title,
                "agenda_item": q.agenda_item.title if q.agenda_item else None,
                "text": q.text,
                "status": q.status,
                "published_on_the_record": q.publish,
                "asked_at": q.created_at.isoformat(),
            }
            for q in questions
        ],
        "access_signals": [
            {
                "session": s.session.title,
                "signal": s.kind,
                "sent_at": s.created_at.isoformat(),
                "reset_at": _when(s.reset_at),
            }
            for s in signals
        ],
        "captions_you_typed": [
            {"session": c.session.title, "text": c.text, "at": c.created_at.isoformat()} for c in captions
        ],
        "actions_you_sent": [
            {
                "session": a.session.title,
                "action_id": a.action_id,
                "result": a.result,
                "at": a.created_at.isoformat(),
            }
            for a in actions
        ],
        "messages_to_you": [
            {"session": e.session.title, "type": e.type, **e.payload, "at": e.created_at.isoformat()}
            for e in messages
        ],
        "sessions_you_chair": titles(LiveSession.objects.filter(chairs=user)),
        "sessions_you_caption": titles(LiveSession.objects.filter(captioners=user)),
        "sessions_you_are_invited_to": titles(LiveSession.objects.filter(invited=user)),
    }


# Registered with coproduction.members.services in LiveConfig.ready().
SOURCES = [live_sessions]


# Deleting an account ----------------------------------------------------------------


def _without_hands(payload, hand_ids):
    """A queue or chair_queue payload with the given hands taken out."""
    hands = payload.get("hands", [])
    kept = [h for h in hands if (h["id"] if isinstance(h, dict) else h) not in hand_ids]
    changed = len(kept) != len(hands)
    payload = {**payload, "hands": kept}
    if payload.get("floor") in hand_ids:
        payload["floor"] = None
        changed = True
    return payload, changed


def _forget_live_sessions(user):
    """Take the member out of every live session: rows, and the logged events that named them."""
    # Hold every session they took part in, as each action does, so that no queue naming
    # them can be logged between cleaning the log and deleting their rows.
    took_part = (
        set(RaisedHand.objects.filter(member=user).values_list("session_id", flat=True))
        | set(WrittenQuestion.objects.filter(member=user).values_list("session_id", flat=True))
        | set(AccessSignal.objects.filter(member=user).values_list("session_id", flat=True))
    )
    list(LiveSession.objects.select_for_update().filter(pk__in=took_part).order_by("pk").values_list("pk"))

    hand_ids = set(RaisedHand.objects.filter(member=user).values_list("pk", flat=True))
    question_ids = set(WrittenQuestion.objects.filter(member=user).values_list("pk", flat=True))
    hand_sessions = set(RaisedHand.objects.filter(member=user).values_list("session_id", flat=True))
    open_hand_sessions = set(
        RaisedHand.objects.filter(member=user)
        .exclude(state=HandState.LOWERED)
        .exclude(session__state=SessionState.ENDED)
        .values_list("session_id", flat=True)
    )
    open_signal_sessions = set(
        AccessSignal.objects.filter(member=user, reset_at__isnull=True)
        .exclude(session__state=SessionState.ENDED)
        .values_list("session_id", flat=True)
    )

    # Names and notes are in every queue sent to chairs since the hand went up.
    for event in LiveEvent.objects.filter(session_id__in=hand_sessions, type__in=["queue", "chair_queue"]):
        payload, changed = _without_hands(event.payload, hand_ids)
        if changed:
            LiveEvent.objects.filter(pk=event.pk).update(payload=payload)
    # A question's words and its writer's name: the question goes, and every event about it.
    about_questions = Q(type="question_received", payload__question__id__in=question_ids) | Q(
        type="chair_question_status", payload__question_id__in=question_ids
    )
    if question_ids:
        LiveEvent.objects.filter(about_questions).delete()

    WrittenQuestion.objects.filter(member=user).delete()
    RaisedHand.objects.filter(member=user).delete()
    AccessSignal.objects.filter(member=user).delete()
    ProcessedAction.objects.filter(member=user).delete()
    LiveEvent.objects.filter(person=user).delete()
    for relation in ("chairing", "captioning"):
        getattr(user, relation).clear()
    for session in LiveSession.objects.filter(invited=user):
        session.invited.remove(user)
    Presence.objects.filter(member=user).delete()

    # Sessions still running show the queue and counts without them from now on.
    for session_id in open_hand_sessions | open_signal_sessions:
        # Logged (and, after commit, sent) as they are now.
        with UnitOfWork(session_id) as unit:
            if session_id in open_hand_sessions:
                log_queue(unit)
            log_signals(unit)


def forget_member(user):
    """The member's hands, notes, written questions and signals go, and so does every logged
    event that named them. Captions they typed stay as the record of what was said, without them.
    """
    with transaction.atomic():
        CaptionLine.objects.filter(captioner=user).update(captioner=None)
        _forget_live_sessions(user)
