"""The session's event log: what reconnecting clients replay, and the broadcast after commit."""

import json

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db.models import Q

from .models import Audience, LiveEvent, LiveSession

REPLAY_LIMIT = 200  # past this many missed events, a snapshot is cheaper


def group_name(session_id):
    return f"live.{session_id}"


def event_message(event):
    """The message a client receives for a logged event."""
    return {"type": event.type, "seq": event.seq, **event.payload}


def broadcast(session_id, events):
    """Send logged events to the session's group. Called only once their transaction committed.

    Each event is serialised here, once: every socket in the group sends the same text, where
    each used to serialise its own copy (N `json.dumps` per event for N members)."""
    layer = get_channel_layer()
    for event in events:
        async_to_sync(layer.group_send)(
            group_name(session_id),
            {
                "type": "live.event",
                "seq": event.seq,
                "text": json.dumps(event_message(event)),
                "audience": event.audience,
                "person": event.person_id,
            },
        )


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
