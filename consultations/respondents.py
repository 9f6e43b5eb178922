"""Who is answering in this request: the member, someone they support, or a browser."""

import secrets
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from coproduction.members.models import CommunicationNeed, Supporter, User

from .models import ResponseChannel
from .services import find_response, start_response

TOKEN_COOKIE = "consultation_browser"  # noqa: S105 - a cookie name, not a secret
ACTING_FOR_SESSION_KEY = "consultation_acting_for"


@dataclass
class Respondent:
    """The person whose answers are being recorded, and who is entering them."""

    member: User | None = None
    token: str | None = None
    entered_by: User | None = None
    channel: str = ResponseChannel.ONLINE
    new_token: bool = False

    @property
    def is_supported(self):
        return self.entered_by is not None

    def response(self, page):
        return find_response(page, member=self.member, token=self.token)

    def start(self, page):
        details = {}
        if self.is_supported:
            details = {"entered_by": self.entered_by, "channel": self.channel, "consent_recorded": True}
        return start_response(page, member=self.member, token=self.token, **details)


def can_answer_for(user, member):
    """Board staff may enter anyone's response; a named supporter only their member's."""
    if not user.is_authenticated or user == member:
        return False
    if user.has_perm("consultations.enter_supported_response"):
        return True
    return Supporter.objects.filter(member=member, supporter=user).exists()


@dataclass
class CommunicationNeeds:
    """How a member reads and communicates, as staff answering for them may see it."""

    formats: list
    other_language: str
    other: str
    easy_read: bool

    def __bool__(self):
        return bool(self.formats or self.other_language or self.other)


def communication_needs_for(viewer, member):
    """The member's communication needs, or None unless the viewer may see them.

    They are health information: only staff holding `members.view_communication_needs`
    see them; a member's named supporter or a board editor without it does not.
    """
    if member is None or not viewer.has_perm("members.view_communication_needs"):
        return None
    profile = getattr(member, "profile", None)
    if profile is None:
        return None
    return CommunicationNeeds(
        formats=profile.communication_need_labels(),
        other_language=profile.other_language,
        other=profile.other_communication_needs,
        easy_read=CommunicationNeed.EASY_READ in profile.communication_needs,
    )


def members_supported_by(user):
    """Members who chose this user as a supporter (None means anyone, for board staff)."""
    if user.has_perm("consultations.enter_supported_response"):
        return None
    return User.objects.filter(Q(supporters__supporter=user))


def start_acting_for(request, page, member, channel):
    acting = request.session.get(ACTING_FOR_SESSION_KEY, {})
    acting[str(page.pk)] = {"member": member.pk, "channel": channel}
    request.session[ACTING_FOR_SESSION_KEY] = acting


def stop_acting_for(request, page):
    acting = request.session.get(ACTING_FOR_SESSION_KEY, {})
    acting.pop(str(page.pk), None)
    request.session[ACTING_FOR_SESSION_KEY] = acting


def respondent_for(request, page):
    """The respondent for this request, or None if the person must sign in first."""
    user = request.user
    if user.is_authenticated:
        acting = request.session.get(ACTING_FOR_SESSION_KEY, {}).get(str(page.pk))
        if acting:
            member = User.objects.filter(pk=acting["member"]).first()
            # Checked on every request: a supporter removed mid-way stops at once, and
            # what they were typing is refused rather than saved as their own answers.
            if member is not None and can_answer_for(user, member):
                return Respondent(member=member, entered_by=user, channel=acting["channel"])
            stop_acting_for(request, page)
            raise PermissionDenied("You can no longer answer for this person.")
        return Respondent(member=user)
    if page.allow_anonymous:
        raw = request.COOKIES.get(TOKEN_COOKIE)
        token = None
        if raw:
            try:
                token = signing.loads(raw, salt=TOKEN_COOKIE)
            except signing.BadSignature:
                token = None
        if token:
            return Respondent(token=token)
        return Respondent(token=secrets.token_urlsafe(24), new_token=True)
    return None


def remember_token(response, respondent):
    if respondent is not None and respondent.new_token:
        response.set_cookie(
            TOKEN_COOKIE,
            signing.dumps(respondent.token, salt=TOKEN_COOKIE),
            max_age=60 * 60 * 24 * 365,
            httponly=True,
            samesite="Lax",
        )
    return response
