"""Who may receive a live session's events, checked again the moment it changes.

A socket is let in when it opens; after that, whoever changes who may join (the
session's invitation, group, chairs or captioners, a person's groups, a deactivated or
deleted account) sends a `live.recheck` to the sessions it concerns once the change is
committed. Each connection of a person it names looks their role up again at once:
no longer allowed, the socket is closed with NOT_ALLOWED; a different role (a chair who
is no longer one), it gets a snapshot for the role it has now and, from then on, only
the events that role may see. Signing out closes that browser's sockets with
NOT_ALLOWED too (`live.signed_out`, sent to a group per signed-in browser).
"""

import hashlib

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_out
from django.db import transaction
from django.db.models.signals import m2m_changed, post_save, pre_delete

from . import services
from .models import LiveSession, SessionState

# The close code of a socket whose person may not (or may no longer) be in the session.
NOT_ALLOWED = 4403


def current_role(session_id, user_id):
    """The person's role as the database says now, or None: the socket's own copy of the
    user was read when it opened, and may since have been deactivated or deleted."""
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return None
    return services.role_for(session_id, user)


def recheck(session_ids, user_ids=None):
    """After commit, ask these sessions' sockets of these people (None: everyone) to check again."""
    session_ids = list(session_ids)
    users = None if user_ids is None else sorted(user_ids)
    if not session_ids or users == []:
        return

    def send():
        layer = get_channel_layer()
        for session_id in session_ids:
            async_to_sync(layer.group_send)(
                services.group_name(session_id), {"type": "live.recheck", "users": users}
            )

    transaction.on_commit(send)


def _open_sessions():
    return LiveSession.objects.exclude(state=SessionState.ENDED).values_list("pk", flat=True)


def session_changed(sender, instance, created, **kwargs):
    """Who may join (open, invited, a group) may have changed: everyone checks again."""
    if not created:
        recheck([instance.pk])


def session_people_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Invited, chairs or captioners changed, seen from the session or from the person."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if reverse:  # user.chairing.remove(session), and the like
        recheck(_open_sessions(), [instance.pk])
    else:
        recheck([instance.pk], pk_set if action != "post_clear" else None)


def groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A person left a group (or a group lost people): group sessions may no longer be theirs."""
    if action == "pre_clear" and reverse:
        # A group emptied: remember who was in it, for the post_clear below.
        instance._recheck_users = set(instance.user_set.values_list("pk", flat=True))
        return
    if action not in ("post_remove", "post_clear"):
        return
    if reverse:  # group.user_set.remove(user)
        users = pk_set if action == "post_remove" else getattr(instance, "_recheck_users", set())
    else:  # user.groups.remove(group)
        users = {instance.pk}
    recheck(_open_sessions(), users)


def user_saved(sender, instance, created, update_fields=None, **kwargs):
    """Deactivated (or otherwise changed, apart from signing in): their sockets check again."""
    if created or (update_fields is not None and set(update_fields) <= {"last_login"}):
        return
    recheck(_open_sessions(), [instance.pk])


def user_deleted(sender, instance, **kwargs):
    recheck(_open_sessions(), [instance.pk])


def browser_group(session_key):
    """The group of every live socket one signed-in browser has open, named by a hash of its
    session key (the key itself never leaves the session store)."""
    return "live.browser." + hashlib.sha256(session_key.encode()).hexdigest()[:32]


def signed_out(sender, request, user, **kwargs):
    """Signing out closes the live sockets that browser has open, as not allowed any more."""
    session_key = getattr(getattr(request, "session", None), "session_key", None)
    if not session_key:
        return
    group = browser_group(session_key)
    transaction.on_commit(
        lambda: async_to_sync(get_channel_layer().group_send)(group, {"type": "live.signed_out"})
    )


def connect_signals():
    user_logged_out.connect(signed_out, dispatch_uid="live-signed-out")
    user_model = get_user_model()
    for relation in (LiveSession.invited, LiveSession.chairs, LiveSession.captioners):
        m2m_changed.connect(session_people_changed, sender=relation.through, dispatch_uid=f"live-{relation}")
    m2m_changed.connect(groups_changed, sender=user_model.groups.through, dispatch_uid="live-groups")
    post_save.connect(session_changed, sender=LiveSession, dispatch_uid="live-session-saved")
    post_save.connect(user_saved, sender=user_model, dispatch_uid="live-user-saved")
    pre_delete.connect(user_deleted, sender=user_model, dispatch_uid="live-user-deleted")
