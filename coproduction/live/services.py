"""Everything a live session does to the database. Consumers and views only call these.

Each change runs in one transaction that locks the session row, writes the change and
its `LiveEvent` rows with the next sequence numbers, and broadcasts them after commit,
so no client ever sees something that was rolled back.
"""

from dataclasses import dataclass
from datetime import timedelta

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext

from .models import (
    AccessSignal,
    AgendaItem,
    Audience,
    CaptionLine,
    HandState,
    LiveEvent,
    LiveSession,
    Presence,
    ProcessedAction,
    RaisedHand,
    SessionState,
    SignalKind,
    WrittenQuestion,
)
from .protocol import SERVER_EVENTS, ProtocolError

REPLAY_LIMIT = 200  # past this many missed events, a snapshot is cheaper
SNAPSHOT_CAPTIONS = 200
PRESENCE_TIMEOUT = timedelta(seconds=60)


def group_name(session_id):
    return f"live.{session_id}"


@dataclass(frozen=True)
class Role:
    """What this person may do in this session."""

    user_id: int
    is_chair: bool = False
    is_captioner: bool = False

    def sees(self, event):
        """Whether an event (a LiveEvent or its message dict) is for this person."""
        audience = event.audience if isinstance(event, LiveEvent) else event["audience"]
        if audience == Audience.EVERYONE:
            return True
        if audience == Audience.CHAIRS:
            return self.is_chair
        person = event.person_id if isinstance(event, LiveEvent) else event["person"]
        return person == self.user_id


def role_for(session_id, user):
    """The person's role, or None if they may not be in the session (or it does not exist)."""
    session = LiveSession.objects.filter(pk=session_id).first()
    if session is None or not session.may_join(user):
        return None
    return Role(user.pk, session.is_chair(user), session.is_captioner(user))


# Events ---------------------------------------------------------------------------


def event_message(event):
    """The message a client receives for a logged event."""
    return {"type": event.type, "seq": event.seq, **event.payload}


def _broadcast(session_id, events):
    layer = get_channel_layer()
    for event in events:
        async_to_sync(layer.group_send)(
            group_name(session_id),
            {
                "type": "live.event",
                "event": event_message(event),
                "audience": event.audience,
                "person": event.person_id,
            },
        )


def _log(session, event_type, payload, audience=None, person=None):
    """Add an event with the session's next seq. The caller holds the session row lock."""
    declared = SERVER_EVENTS[event_type]
    missing = set(declared.fields) - set(payload)
    assert not missing, f"{event_type} needs {missing}"
    session.last_seq += 1
    LiveSession.objects.filter(pk=session.pk).update(last_seq=session.last_seq)
    event = LiveEvent.objects.create(
        session=session,
        seq=session.last_seq,
        type=event_type,
        payload=payload,
        audience=audience or declared.audience,
        person=person,
    )
    session._new_events.append(event)
    return event


def _locked_session(session_id):
    session = LiveSession.objects.select_for_update().get(pk=session_id)
    session._new_events = []
    return session


def events_after(session_id, role, after_seq, up_to=None):
    """Logged events after `after_seq` that this person may see, oldest first.

    None if there are too many: the caller sends a snapshot instead.
    """
    events = LiveEvent.objects.filter(session_id=session_id, seq__gt=after_seq)
    if up_to is not None:
        events = events.filter(seq__lte=up_to)
    visible = Q(audience=Audience.EVERYONE) | Q(audience=Audience.PERSON, person_id=role.user_id)
    if role.is_chair:
        visible |= Q(audience=Audience.CHAIRS)
    events = list(events.filter(visible).order_by("seq")[: REPLAY_LIMIT + 1])
    if len(events) > REPLAY_LIMIT:
        return None
    return [event_message(e) for e in events]


def head_seq(session_id):
    return LiveSession.objects.filter(pk=session_id).values_list("last_seq", flat=True).first() or 0


# State for events and snapshots ----------------------------------------------------


def _item_data(item):
    if item is None:
        return None
    return {"id": item.pk, "title": item.title, "description": item.description}


def _state_payload(session):
    item = AgendaItem.objects.filter(pk=session.current_item_id).first()
    return {"state": session.state, "item": _item_data(item), "announcement": session.announcement}


def _active_hands(session):
    return list(
        RaisedHand.objects.filter(session=session)
        .exclude(state=HandState.LOWERED)
        .select_related("member__profile")
        .order_by("raised_at", "pk")
    )


def _queue_payload(hands):
    floor = next((h.pk for h in hands if h.state == HandState.FLOOR), None)
    return {"hands": [h.pk for h in hands if h.state == HandState.RAISED], "floor": floor}


def _chair_queue_payload(hands):
    return {
        "hands": [
            {
                "id": h.pk,
                "name": h.member.display_name,
                "note": h.note,
                "state": h.state,
                "raised_at": h.raised_at.isoformat(),
            }
            for h in hands
        ]
    }


def _log_queue(session):
    hands = _active_hands(session)
    _log(session, "queue", _queue_payload(hands))
    _log(session, "chair_queue", _chair_queue_payload(hands))


def signal_counts(session):
    counts = dict(
        AccessSignal.objects.filter(session=session, reset_at__isnull=True)
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    return {kind: counts.get(kind, 0) for kind in SignalKind.values}


def _question_data(question):
    return {
        "id": question.pk,
        "text": question.text,
        "status": question.status,
        "publish": question.publish,
        "name": question.member.display_name if question.member else "",
        "at": question.created_at.isoformat(),
    }


def _caption_data(line):
    return {"id": line.pk, "text": line.text, "at": timezone.localtime(line.created_at).isoformat()}


def presence_count(session_id):
    since = timezone.now() - PRESENCE_TIMEOUT
    return (
        Presence.objects.filter(session_id=session_id, last_seen__gte=since)
        .values("member")
        .distinct()
        .count()
    )


def present_names(session_id):
    since = timezone.now() - PRESENCE_TIMEOUT
    presences = Presence.objects.filter(session_id=session_id, last_seen__gte=since).select_related(
        "member__profile"
    )
    return sorted({p.member.display_name for p in presences})


def snapshot(session_id, role):
    """Everything this person should see now, with the seq it is current to."""
    with transaction.atomic():
        session = LiveSession.objects.get(pk=session_id)
        hands = _active_hands(session)
        mine = next((h for h in hands if h.member_id == role.user_id), None)
        data = {
            "type": "snapshot",
            "seq": session.last_seq,
            "session": {"id": session.pk, "title": session.title},
            **_state_payload(session),
            "agenda": [_item_data(i) for i in session.ordered_agenda()],
            "queue": _queue_payload(hands),
            "my_hand": {"id": mine.pk, "state": mine.state, "note": mine.note} if mine else None,
            "my_questions": [
                {"id": q.pk, "text": q.text, "status": q.status}
                for q in WrittenQuestion.objects.filter(session=session, member_id=role.user_id)
            ],
            "captions": [
                _caption_data(line)
                for line in reversed(
                    CaptionLine.objects.filter(session=session).order_by("-pk")[:SNAPSHOT_CAPTIONS]
                )
            ],
            **_presence(session),
            "role": {"chair": role.is_chair, "captioner": role.is_captioner},
        }
        if role.is_chair:
            data["chair_queue"] = _chair_queue_payload(hands)["hands"]
            data["questions"] = [
                _question_data(q)
                for q in WrittenQuestion.objects.filter(session=session).select_related("member__profile")
            ]
            data["signals"] = signal_counts(session)
    return data


# Presence ---------------------------------------------------------------------------


def _presence(session):
    """Who is here, as everyone may see it: a count, and names only if the session shows them."""
    data = {"present": presence_count(session.pk)}
    if session.show_names:
        data["present_names"] = present_names(session.pk)
    return data


def presence(session_id):
    return _presence(LiveSession.objects.get(pk=session_id))


def join(session_id, user_id, channel_name):
    Presence.objects.update_or_create(
        channel_name=channel_name,
        defaults={"session_id": session_id, "member_id": user_id, "last_seen": timezone.now()},
    )
    return presence(session_id)


def seen(channel_name):
    Presence.objects.filter(channel_name=channel_name).update(last_seen=timezone.now())


def leave(session_id, channel_name):
    Presence.objects.filter(channel_name=channel_name).delete()
    return presence(session_id)


# Actions ----------------------------------------------------------------------------


def _require_state(session, *states):
    if session.state not in states:
        why = {
            SessionState.SCHEDULED: gettext("The session has not started yet."),
            SessionState.LIVE: gettext("The session is already live."),
            SessionState.PAUSED: gettext("The session is on a break. Resume it first."),
            SessionState.ENDED: gettext("This session has ended, so this can no longer be done."),
        }[session.state]
        raise ProtocolError("wrong_state", why)


def _hand(session, hand_id):
    hand = RaisedHand.objects.filter(session=session, pk=hand_id).exclude(state=HandState.LOWERED).first()
    if hand is None:
        raise ProtocolError("not_found", "That hand is not raised in this session.")
    return hand


def _raise_hand(session, user, data):
    _require_state(session, SessionState.LIVE, SessionState.PAUSED, SessionState.SCHEDULED)
    if RaisedHand.objects.filter(session=session, member=user).exclude(state=HandState.LOWERED).exists():
        raise ProtocolError("invalid_value", "Your hand is already raised.")
    hand = RaisedHand.objects.create(session=session, member=user, note=(data.get("note") or "").strip())
    _log_queue(session)
    return {"hand_id": hand.pk}


def _lower_hand(session, user, data):
    hand = RaisedHand.objects.filter(session=session, member=user).exclude(state=HandState.LOWERED).first()
    if hand is None:
        raise ProtocolError("invalid_value", "Your hand is not raised.")
    RaisedHand.objects.filter(pk=hand.pk).update(state=HandState.LOWERED, lowered_at=timezone.now())
    _log_queue(session)
    return {"hand_id": hand.pk}


def _ask_question(session, user, data):
    _require_state(session, SessionState.LIVE, SessionState.PAUSED, SessionState.SCHEDULED)
    question = WrittenQuestion.objects.create(
        session=session, member=user, text=data["text"].strip(), agenda_item_id=session.current_item_id
    )
    question = WrittenQuestion.objects.select_related("member__profile").get(pk=question.pk)
    _log(session, "question_received", {"question": _question_data(question)})
    return {"question_id": question.pk}


def _signal(session, user, data):
    _require_state(session, SessionState.LIVE, SessionState.PAUSED)
    try:
        with transaction.atomic():
            AccessSignal.objects.create(session=session, member=user, kind=data["kind"])
    except IntegrityError:
        # Sent already and not reset: counted once per person, so nothing changes.
        return {"kind": data["kind"], "counted": False}
    _log(session, "signals", {"counts": signal_counts(session)})
    return {"kind": data["kind"], "counted": True}


def _caption(session, user, data):
    _require_state(session, SessionState.LIVE, SessionState.PAUSED)
    line = CaptionLine.objects.create(session=session, captioner=user, text=data["text"].strip())
    _log(session, "caption", {"line": _caption_data(line)})
    return {"line_id": line.pk}


def _set_state(session, new_state):
    session.state = new_state
    fields = {"state": new_state}
    now = timezone.now()
    if new_state == SessionState.LIVE and session.started_at is None:
        fields["started_at"] = session.started_at = now
    if new_state == SessionState.ENDED:
        fields["ended_at"] = session.ended_at = now
    if new_state == SessionState.LIVE and session.current_item_id is None:
        first = next(iter(session.ordered_agenda()), None)
        if first is not None:
            fields["current_item"] = first
            session.current_item_id = first.pk
    LiveSession.objects.filter(pk=session.pk).update(**fields)
    _log(session, "state", _state_payload(session))
    return {"state": new_state}


def _start(session, user, data):
    _require_state(session, SessionState.SCHEDULED, SessionState.PAUSED)
    return _set_state(session, SessionState.LIVE)


def _pause(session, user, data):
    _require_state(session, SessionState.LIVE)
    return _set_state(session, SessionState.PAUSED)


def _end(session, user, data):
    _require_state(session, SessionState.SCHEDULED, SessionState.LIVE, SessionState.PAUSED)
    RaisedHand.objects.filter(session=session).exclude(state=HandState.LOWERED).update(
        state=HandState.LOWERED, lowered_at=timezone.now()
    )
    result = _set_state(session, SessionState.ENDED)
    _log_queue(session)
    return result


def _set_agenda(session, user, data):
    _require_state(session, SessionState.SCHEDULED, SessionState.LIVE, SessionState.PAUSED)
    item = AgendaItem.objects.filter(session=session, pk=data["item_id"]).first()
    if item is None:
        raise ProtocolError("not_found", "That agenda item is not in this session.")
    session.current_item_id = item.pk
    LiveSession.objects.filter(pk=session.pk).update(current_item=item)
    _log(session, "state", _state_payload(session))
    return {"item_id": item.pk}


def _give_floor(session, user, data):
    _require_state(session, SessionState.LIVE)
    hand = _hand(session, data["hand_id"])
    now = timezone.now()
    # Whoever had the floor gives it back: one speaker at a time.
    RaisedHand.objects.filter(session=session, state=HandState.FLOOR).update(
        state=HandState.LOWERED, lowered_at=now
    )
    RaisedHand.objects.filter(pk=hand.pk).update(state=HandState.FLOOR)
    _log(session, "floor", {"hand_id": hand.pk}, person=hand.member)
    _log_queue(session)
    return {"hand_id": hand.pk}


def _lower_hand_for(session, user, data):
    hand = _hand(session, data["hand_id"])
    RaisedHand.objects.filter(pk=hand.pk).update(state=HandState.LOWERED, lowered_at=timezone.now())
    _log(session, "hand_lowered", {"hand_id": hand.pk}, person=hand.member)
    _log_queue(session)
    return {"hand_id": hand.pk}


def _clear_hands(session, user, data):
    hands = list(RaisedHand.objects.filter(session=session).exclude(state=HandState.LOWERED))
    RaisedHand.objects.filter(pk__in=[h.pk for h in hands]).update(
        state=HandState.LOWERED, lowered_at=timezone.now()
    )
    for hand in hands:
        _log(session, "hand_lowered", {"hand_id": hand.pk}, person=hand.member)
    _log_queue(session)
    return {"lowered": len(hands)}


def _mark_question(session, user, data):
    question = WrittenQuestion.objects.filter(session=session, pk=data["question_id"]).first()
    if question is None:
        raise ProtocolError("not_found", "That question is not in this session.")
    publish = data.get("publish")
    question.status = data["status"]
    if publish is not None:
        question.publish = publish
    question.save(update_fields=["status", "publish"])
    if question.member_id:
        _log(
            session,
            "question_status",
            {"question_id": question.pk, "status": question.status},
            person=question.member,
        )
    _log(
        session,
        "chair_question_status",
        {"question_id": question.pk, "status": question.status, "publish": question.publish},
    )
    return {"question_id": question.pk, "status": question.status}


def _reset_signals(session, user, data):
    signals = AccessSignal.objects.filter(session=session, reset_at__isnull=True)
    if data.get("kind"):
        signals = signals.filter(kind=data["kind"])
    signals.update(reset_at=timezone.now())
    _log(session, "signals", {"counts": signal_counts(session)})
    return {"reset": data.get("kind") or "all"}


def _announce(session, user, data):
    text = data["text"].strip()
    session.announcement = text
    LiveSession.objects.filter(pk=session.pk).update(announcement=text)
    _log(session, "announcement", {"text": text})
    return {"text": text}


ACTIONS = {
    "raise_hand": _raise_hand,
    "lower_hand": _lower_hand,
    "ask_question": _ask_question,
    "signal": _signal,
    "caption": _caption,
    "start": _start,
    "pause": _pause,
    "end": _end,
    "set_agenda": _set_agenda,
    "give_floor": _give_floor,
    "lower_hand_for": _lower_hand_for,
    "clear_hands": _clear_hands,
    "mark_question": _mark_question,
    "reset_signals": _reset_signals,
    "announce": _announce,
}


def perform(session_id, user, schema, action_id, data):
    """Carry out one action, once per action id. Returns (result, duplicate).

    Permission is checked here, on every action, not only when the person joined.
    """
    role = role_for(session_id, user)
    if role is None:
        raise ProtocolError("forbidden", "You are not allowed in this session.", action_id)
    if schema.role == "chair" and not role.is_chair:
        raise ProtocolError("forbidden", "Only the chair can do this.", action_id)
    if schema.role == "captioner" and not role.is_captioner:
        raise ProtocolError("forbidden", "Only a captioner can do this.", action_id)
    try:
        with transaction.atomic():
            session = _locked_session(session_id)
            done = ProcessedAction.objects.filter(session=session, member=user, action_id=action_id).first()
            if done is not None:
                return done.result, True
            result = ACTIONS[schema.type](session, user, data)
            ProcessedAction.objects.create(session=session, member=user, action_id=action_id, result=result)
            events = session._new_events
            transaction.on_commit(lambda: _broadcast(session_id, events))
    except ProtocolError as error:
        error.action_id = action_id
        raise
    return result, False


def session_record(session):
    """What the session record page shows once the session has happened."""
    return {
        "agenda": session.ordered_agenda(),
        "captions": list(session.captions.order_by("created_at", "pk")),
        "questions": list(session.written_questions.filter(publish=True).order_by("created_at")),
    }
