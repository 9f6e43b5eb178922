"""Who is here: a row per open connection, refreshed by heartbeats, counted across processes."""

from datetime import timedelta

from django.utils import timezone

from .models import LiveSession, Presence

PRESENCE_TIMEOUT = timedelta(seconds=60)


def _recent(session_id):
    return Presence.objects.filter(session_id=session_id, last_seen__gte=timezone.now() - PRESENCE_TIMEOUT)


def presence_count(session_id):
    return _recent(session_id).values("member").distinct().count()


def present_names(session_id):
    return sorted({p.member.display_name for p in _recent(session_id).select_related("member__profile")})


def people_by_place(session_id):
    """{place: [[member id, display name], ...]} for the connections that said where they are.

    Not for clients as it is: each connection is sent only the others at its own place
    (`others_at`), so nobody learns where anyone else is in the session.
    """
    places = {}
    rows = _recent(session_id).exclude(place="").select_related("member__profile").order_by("pk")
    for row in rows:
        people = places.setdefault(row.place, [])
        if [row.member_id, row.member.display_name] not in people:
            people.append([row.member_id, row.member.display_name])
    return places


def others_at(places, place, user_id):
    """The names of the other people at `place`, from `people_by_place`, sorted."""
    return sorted({name for member_id, name in places.get(place, []) if member_id != user_id})


def presence_of(session):
    """Who is here, as everyone may see it: a count, and names only if the session shows them."""
    data = {"present": presence_count(session.pk)}
    if session.show_names:
        data["present_names"] = present_names(session.pk)
    return data


def presence(session_id):
    """What a join or a leave broadcasts to the consumers: `presence_of`, and with names
    shown, `places` (who is at each place), which each consumer keeps to itself and
    turns into the names of the others at its own place."""
    session = LiveSession.objects.get(pk=session_id)
    data = presence_of(session)
    if session.show_names:
        data["places"] = people_by_place(session_id)
    return data


# Joins and leaves are told to the session at most twice a second (consumers.py), however
# many people arrive: what is sent is read when it is sent, so the last send is current.
def join(session_id, user_id, channel_name, place=""):
    # One statement (an upsert on the channel's name), not update_or_create's lock, read and
    # write: a crowd arriving at once is seated one join at a time through the database.
    Presence.objects.bulk_create(
        [
            Presence(
                channel_name=channel_name,
                session_id=session_id,
                member_id=user_id,
                last_seen=timezone.now(),
                place=place,
            )
        ],
        update_conflicts=True,
        unique_fields=["channel_name"],
        update_fields=["session", "member", "last_seen", "place"],
    )


def seen(channel_name):
    Presence.objects.filter(channel_name=channel_name).update(last_seen=timezone.now())


def leave(session_id, channel_name):
    Presence.objects.filter(channel_name=channel_name).delete()


def place_allowed(session_id, user, place):
    """Whether the session's host lets this person be at `place` (LiveHostMixin.live_place_allowed)."""
    session = LiveSession.objects.filter(pk=session_id).select_related("host").first()
    return session is not None and session.place_allowed(user, place)
