"""What the platform holds about a member, to give back or to erase."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from .models import SignUpLink, Supporter, SupporterInvitation, User
from .preferences import PREFERENCE_FIELDS

# Other apps add what they hold about a member: functions taking the user and
# returning (key, data) for "download my data", and functions run before deletion.
PERSONAL_DATA_SOURCES = []
BEFORE_ACCOUNT_DELETION = []


def personal_data(user):
    """Everything held about this member, as plain data for "download my data"."""
    profile = getattr(user, "profile", None)
    data = {
        "account": {
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "groups": sorted(g.name for g in user.groups.all()),
        },
        "profile": None,
        "supporters": [s.supporter.email for s in user.supporters.select_related("supporter")],
        "supporting": [s.member.email for s in user.supporting.select_related("member")],
        "supporter_invitations_you_sent": [
            {"to": i.email, "sent_at": i.created_at.isoformat()} for i in user.supporter_invitations.all()
        ],
    }
    if profile is not None:
        data["profile"] = {
            "display_name": profile.display_name,
            "organisation": profile.organisation,
            "preferred_contact": profile.preferred_contact,
            "phone": profile.phone,
            "postal_address": profile.postal_address,
            "communication_needs": list(profile.communication_needs),
            "other_language": profile.other_language,
            "other_communication_needs": profile.other_communication_needs,
            "captions_on": profile.captions_on,
            "display_preferences": {name: getattr(profile, name) for name in PREFERENCE_FIELDS},
        }
    data["sign_in_records"] = _sign_in_records(user)
    data["site_editing"] = _site_editing(user)
    for source in PERSONAL_DATA_SOURCES:
        key, value = source(user)
        data[key] = value
    return data


SIGN_IN_RECORDS = (AccessAttempt, AccessFailureLog, AccessLog)


def _sign_in_records(user):
    """What the sign-in limits keep under the member's email address."""
    records = []
    for model in SIGN_IN_RECORDS:
        for record in model.objects.filter(username__iexact=user.email).order_by("attempt_time"):
            records.append(
                {
                    "kind": str(model._meta.verbose_name),
                    "at": record.attempt_time.isoformat(),
                    "address": record.ip_address,
                    "browser": record.user_agent,
                }
            )
    return records


def _site_editing(user):
    """For people who edit the site: what the Wagtail admin records as theirs."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, Revision

    return {
        "pages_you_own": sorted(Page.objects.filter(owner=user).values_list("title", flat=True)),
        "page_versions_you_saved": Revision.objects.filter(user=user).count(),
        "documents_you_uploaded": sorted(
            get_document_model().objects.filter(uploaded_by_user=user).values_list("title", flat=True)
        ),
        "images_you_uploaded": sorted(
            get_image_model().objects.filter(uploaded_by_user=user).values_list("title", flat=True)
        ),
    }


@transaction.atomic
def delete_account(user):
    """Remove the account, its profile, and everything else that names the person.

    Other apps register what they hold in BEFORE_ACCOUNT_DELETION; docs/security.md
    says what is deleted and what is kept without the person.
    """
    for model in SIGN_IN_RECORDS:
        model.objects.filter(username__iexact=user.email).delete()
    # Invitations the person was sent (their own go with the account).
    SupporterInvitation.objects.filter(email__iexact=user.email).delete()
    SignUpLink.objects.filter(email__iexact=user.email).delete()
    for forget in BEFORE_ACCOUNT_DELETION:
        forget(user)
    user.delete()


# Links sent by email -------------------------------------------------------------------


def _send(request, to, template, context):
    context = {"site_name": request.get_host(), **context}
    subject = " ".join(render_to_string(f"members/email/{template}_subject.txt", context).split())
    body = render_to_string(f"members/email/{template}.txt", context)
    send_mail(subject, body, None, [to])


def send_sign_up_email(request, email, preferences_cookie):
    """Email a link to finish creating an account, or, if the address has one, say so.

    The page the person sees is the same either way; only the owner of the address
    learns which it was.
    """
    if User.objects.filter(email__iexact=email).exists():
        _send(
            request,
            email,
            "account_exists",
            {
                "sign_in_url": request.build_absolute_uri(reverse("members:sign_in")),
                "reset_url": request.build_absolute_uri(reverse("members:password_reset")),
            },
        )
        return
    _link, token = SignUpLink.issue(email=email, preferences=preferences_cookie[:300])
    link = request.build_absolute_uri(reverse("members:sign_up_finish", args=[token]))
    _send(request, email, "sign_up", {"link": link, "days": SignUpLink.VALID_FOR.days})


def create_account(link, form):
    """Create the account a sign-up link was for; its links are used up. IntegrityError if it exists."""
    with transaction.atomic():
        user = form.save()
        SignUpLink.objects.filter(email__iexact=link.email).delete()
    return user


def send_supporter_invitation(request, member, email):
    """Email an invitation to act for `member`; it is the same whether or not the address has an account."""
    _invitation, token = SupporterInvitation.issue(member=member, email=email)
    _send(
        request,
        email,
        "supporter_invitation",
        {
            "member_name": member.display_name,
            "link": request.build_absolute_uri(reverse("members:accept_supporter", args=[token])),
            "sign_up_url": request.build_absolute_uri(reverse("members:sign_up")),
            "days": SupporterInvitation.VALID_FOR.days,
        },
    )


def accept_invitation(invitation, supporter):
    """The invited person becomes the member's supporter; the invitation is used up."""
    with transaction.atomic():
        Supporter.objects.get_or_create(member=invitation.member, supporter=supporter)
        invitation.delete()
