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


def presence_of(session):
    """Who is here, as everyone may see it: a count, and names only if the session shows them."""
    data = {"present": presence_count(session.pk)}
    if session.show_names:
        data["present_names"] = present_names(session.pk)
    return data


def presence(session_id):
    return presence_of(LiveSession.objects.get(pk=session_id))


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
