"""Who someone is in a session: member, chair, captioner, or not allowed in."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from .models import Audience, LiveEvent, LiveSession


@dataclass(frozen=True)
class Role:
    """What this person may do in this session."""

    user_id: int
    is_chair: bool = False
    is_captioner: bool = False

    def sees(self, event):
        """Whether an event (a LiveEvent or its group message) is for this person."""
        audience = event.audience if isinstance(event, LiveEvent) else event["audience"]
        if audience == Audience.EVERYONE:
            return True
        if audience == Audience.CHAIRS:
            return self.is_chair
        person = event.person_id if isinstance(event, LiveEvent) else event["person"]
        return person == self.user_id

    def may_send(self, action):
        """Whether this person may send a declared action (its `role`: member, chair or captioner)."""
        return action.role == "member" or getattr(self, f"is_{action.role}")


def role_for(session_id, user):
    """The person's role, or None if they may not be in the session (or it does not exist).

    Every socket that opens and every action asks this, so the session, its host page and
    whether this person chairs or captions it come in one query."""
    if not user.is_authenticated:
        return None
    chairs, captioners = LiveSession.chairs.through, LiveSession.captioners.through
    session = (
        LiveSession.objects.filter(pk=session_id)
        .select_related("host")
        .annotate(
            asker_chairs=Exists(chairs.objects.filter(livesession=OuterRef("pk"), user=user.pk)),
            asker_captions=Exists(captioners.objects.filter(livesession=OuterRef("pk"), user=user.pk)),
        )
        .first()
    )
    if session is None:
        return None
    if not session.may_join(user, session.asker_chairs, session.asker_captions):
        return None
    return Role(user.pk, session.asker_chairs, session.asker_captions)
