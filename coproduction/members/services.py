"""What the platform holds about a member, to give back or to erase."""

from axes.models import AccessAttempt, AccessLog
from django.db import transaction

from home.preferences import PREFERENCE_FIELDS

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
    for source in PERSONAL_DATA_SOURCES:
        key, value = source(user)
        data[key] = value
    return data


@transaction.atomic
def delete_account(user):
    """Remove the account, its profile, and the sign-in records that name it."""
    email = user.email
    AccessAttempt.objects.filter(username__iexact=email).delete()
    AccessLog.objects.filter(username__iexact=email).delete()
    for forget in BEFORE_ACCOUNT_DELETION:
        forget(user)
    user.delete()
