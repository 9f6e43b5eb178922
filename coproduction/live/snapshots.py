"""What a session looks like now: the payloads events carry, the snapshot, the session record.

Each function costs a fixed number of queries however many hands, questions or captions
there are (tests/live/test_query_counts.py).
"""

import json

from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from .models import (
    AccessSignal,
    CaptionLine,
    HandState,
    LiveSession,
    RaisedHand,
    SignalKind,
    WrittenQuestion,
)
from .presence import presence_of

# A snapshot carries at most the last SNAPSHOT_CAPTIONS captions, and fewer when they would
# take more than SNAPSHOT_CAPTION_BYTES as sent (JSON escapes each non-ASCII character, so a
# line of 2,000 characters can take 12 KB): far below the 1 MiB message limit, however long
# the lines. Earlier ones are on the session record (`earlier_captions` says there are some).
SNAPSHOT_CAPTIONS = 50
SNAPSHOT_CAPTION_BYTES = 256 * 1024
# Parts other apps add to every snapshot, by name (events: "world_cafe"; consultations:
# "live_poll"). The engine names none of them; each app registers its own from a module its
# AppConfig.ready() imports.
SNAPSHOT_PARTS = {}


def register_snapshot_part(name, build):
    """Add an app's keys to every snapshot: `build(session, role)` returns a dict of them
    (empty to add none). Keys the engine already sends are never overwritten.

    `build` runs inside the snapshot's transaction and must cost a fixed number of queries.
    """
    known = SNAPSHOT_PARTS.get(name)
    if known is not None and known.__qualname__ != build.__qualname__:
        raise ValueError(f"The snapshot part {name!r} is declared twice.")
    SNAPSHOT_PARTS[name] = build
    return build


def item_data(item):
    if item is None:
        return None
    return {"id": item.pk, "title": item.title, "description": item.description}


def state_payload(session):
    # The snapshot reads the session with its item (select_related): no query here then.
    item = session.current_item if session.current_item_id else None
    return {"state": session.state, "item": item_data(item), "announcement": session.announcement}


def active_hands(session):
    return list(
        RaisedHand.objects.filter(session=session)
        .exclude(state=HandState.LOWERED)
        .select_related("member__profile")
        .order_by("raised_at", "pk")
    )


def queue_payload(hands):
    floor = next((h.pk for h in hands if h.state == HandState.FLOOR), None)
    return {"hands": [h.pk for h in hands if h.state == HandState.RAISED], "floor": floor}


def chair_queue_payload(hands):
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


def signal_counts(session):
    counts = dict(
        AccessSignal.objects.filter(session=session, reset_at__isnull=True)
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    return {kind: counts.get(kind, 0) for kind in SignalKind.values}


def question_data(question):
    return {
        "id": question.pk,
        "text": question.text,
        "status": question.status,
        "publish": question.publish,
        "name": question.member.display_name if question.member else "",
        "at": question.created_at.isoformat(),
    }


def caption_data(line):
    return {"id": line.pk, "text": line.text, "at": timezone.localtime(line.created_at).isoformat()}


def recent_captions(session):
    """The newest captions that fit the snapshot's bounds, oldest first, and whether there are
    earlier ones (one query: one line more than the bound is read to tell)."""
    newest = list(CaptionLine.objects.filter(session=session).order_by("-pk")[: SNAPSHOT_CAPTIONS + 1])
    earlier = len(newest) > SNAPSHOT_CAPTIONS
    captions, size = [], 0
    for line in newest[:SNAPSHOT_CAPTIONS]:
        data = caption_data(line)
        size += len(json.dumps(data)) + 2
        if size > SNAPSHOT_CAPTION_BYTES:
            earlier = True
            break
        captions.append(data)
    captions.reverse()
    return {"captions": captions, "earlier_captions": earlier}


def snapshot(session_id, role):
    """Everything this person should see now, with the seq it is current to."""
    with transaction.atomic():
        session = LiveSession.objects.select_related("current_item").get(pk=session_id)
        hands = active_hands(session)
        mine = next((h for h in hands if h.member_id == role.user_id), None)
        data = {
            "type": "snapshot",
            "seq": session.last_seq,
            "session": {"id": session.pk, "title": session.title},
            **state_payload(session),
            "agenda": [item_data(i) for i in session.ordered_agenda()],
            "queue": queue_payload(hands),
            "my_hand": {"id": mine.pk, "state": mine.state, "note": mine.note} if mine else None,
            "my_questions": [
                {"id": q.pk, "text": q.text, "status": q.status}
                for q in WrittenQuestion.objects.filter(session=session, member_id=role.user_id)
            ],
            **recent_captions(session),
            **presence_of(session),
            "role": {"chair": role.is_chair, "captioner": role.is_captioner},
        }
        if role.is_chair:
            data["chair_queue"] = chair_queue_payload(hands)["hands"]
            data["questions"] = [
                question_data(q)
                for q in WrittenQuestion.objects.filter(session=session).select_related("member__profile")
            ]
            data["signals"] = signal_counts(session)
        for build in SNAPSHOT_PARTS.values():
            for key, value in build(session, role).items():
                data.setdefault(key, value)
    return data


# The session record shows the transcript this many lines a page, oldest first.
RECORD_CAPTIONS_PER_PAGE = 200


def session_record(session, page_number=1):
    """What the session record page shows: during the session too, where the live page's
    captions (the last few) link to it for the earlier ones."""
    paginator = Paginator(session.captions.order_by("created_at", "pk"), RECORD_CAPTIONS_PER_PAGE)
    captions = paginator.get_page(page_number)
    return {
        "agenda": session.ordered_agenda(),
        "captions": captions,
        "caption_pages": paginator,
        "questions": list(session.written_questions.filter(publish=True).order_by("created_at")),
    }
