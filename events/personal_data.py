"""What events hold about a member, for "download my data" and account deletion.

docs/security.md ("Deleting an account") gives the rule for each kind of record.
"""

from django.db import transaction

from .models import (
    CafeTable,
    Contribution,
    Registration,
    RegistrationStatus,
    RemoteContribution,
    RemoteSeat,
    RoundTimer,
    TableNote,
)


def _when(moment):
    return moment.isoformat() if moment else None


def event_registrations(user):
    """Every registration, cancelled ones too, with the access requirements the member gave."""
    registrations = Registration.objects.filter(member=user).select_related("event").order_by("created_at")
    return "event_registrations", [
        {
            "event": r.event.title,
            "starts_at": r.event.starts_at.isoformat(),
            "status": r.status,
            "taking_part": r.attendance_mode,
            "access_requirements": list(r.access_requirements),
            "other_access_requirements": r.other_access_requirements,
            "dietary_needs": r.dietary_needs,
            "personal_assistant_or_supporter_coming": r.brings_supporter,
            "you_may_contact_me": r.contact_consent,
            "taking_part_with_lived_experience": r.lived_experience,
            "attended": r.attended,
            "registered_at": r.created_at.isoformat(),
            "confirmation_email_sent_at": _when(r.confirmation_sent_at),
            "given_a_place_from_the_waiting_list_at": _when(r.promoted_at),
            "cancelled_at": _when(r.cancelled_at),
        }
        for r in registrations
    ]


def world_cafe(user):
    """The tables the member hosts, the contributions they recorded, the notes they sent and
    what they declined from remote seats (their reason, not the other member's words)."""
    tables = CafeTable.objects.filter(host=user).select_related("page")
    recorded = Contribution.objects.filter(recorded_by=user).select_related("page", "table", "round")
    notes = TableNote.objects.filter(posted_by=user).select_related("table__page")
    declined = RemoteContribution.objects.filter(declined_by=user).select_related("table__page", "round")
    return "world_cafe", {
        "tables_you_host": [{"world_cafe": t.page.title, "table": t.name} for t in tables],
        "notes_you_sent_to_remote_seats": [
            {
                "world_cafe": n.table.page.title,
                "table": n.table.name,
                "text": n.text,
                "sent_at": n.posted_at.isoformat(),
            }
            for n in notes
        ],
        "contributions_you_recorded": [
            {
                "world_cafe": c.page.title,
                "table": c.table.name,
                "round": c.round.number,
                "text": c.text,
                "photo_description": c.photo_alt_text,
                "recorded_at": c.recorded_at.isoformat(),
            }
            for c in recorded
        ],
        "remote_contributions_you_declined": [
            {
                "world_cafe": c.table.page.title,
                "table": c.table.name,
                "round": c.round.number,
                "declined_at": c.declined_at.isoformat(),
                "reason_you_gave": c.decline_reason,
            }
            for c in declined
        ],
    }


def remote_seats(user):
    """The tables the member sat at online, and what they sent to them: accepted, declined (with
    the host's reason, which is about their words) or still waiting."""
    seats = RemoteSeat.objects.filter(member=user).select_related("table__page", "round")
    sent = RemoteContribution.objects.filter(member=user).select_related("table__page", "round")
    return "world_cafe_remote_seats", {
        "seats": [
            {"world_cafe": s.table.page.title, "table": s.table.name, "round": s.round.number} for s in seats
        ],
        "sent_to_tables": [
            {
                "world_cafe": c.table.page.title,
                "table": c.table.name,
                "round": c.round.number,
                "text": c.text,
                "sent_at": c.sent_at.isoformat(),
                "accepted_into_the_harvest_at": _when(c.accepted_at),
                "not_added_to_the_harvest_at": _when(c.declined_at),
                "reason_given_by_the_host": c.decline_reason,
            }
            for c in sent
        ],
    }


# Registered with coproduction.members.services in EventsConfig.ready().
SOURCES = [event_registrations, world_cafe, remote_seats]


def forget_member(user):
    """Registrations go (a place given up goes to the first person waiting); what a table
    said stays in the harvest without the name of the host who recorded it or the member
    who sent it from a remote seat; remote seats and everything sent from them that is not in
    the harvest go (what is waiting, and what was declined with the host's reason); a host who
    declined something is no longer named on it."""
    from . import services

    with transaction.atomic():
        for registration in Registration.objects.filter(member=user, status=RegistrationStatus.REGISTERED):
            services.cancel(registration)
        Registration.objects.filter(member=user).delete()
        Contribution.objects.filter(recorded_by=user).update(recorded_by=None)
        Contribution.objects.filter(sent_by=user).update(sent_by=None)
        RemoteContribution.objects.filter(member=user).delete()
        RemoteContribution.objects.filter(declined_by=user).update(declined_by=None)
        RemoteSeat.objects.filter(member=user).delete()
        CafeTable.objects.filter(host=user).update(host=None)
        # A note stays with its table (its members read it); the rounds stay with the café.
        TableNote.objects.filter(posted_by=user).update(posted_by=None)
        RoundTimer.objects.filter(started_by=user).update(started_by=None)
