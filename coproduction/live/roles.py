"""Who someone is in a session: member, chair, captioner, or not allowed in."""

from dataclasses import dataclass

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
    """The person's role, or None if they may not be in the session (or it does not exist)."""
    session = LiveSession.objects.filter(pk=session_id).first()
    if session is None or not user.is_authenticated:
        return None
    # Asked once each: every socket that opens and every action asks this.
    is_chair, is_captioner = session.is_chair(user), session.is_captioner(user)
    if not session.may_join(user, is_chair, is_captioner):
        return None
    return Role(user.pk, is_chair, is_captioner)
