"""What consultations hold about a member, for "download my data" and account deletion.

docs/security.md ("Deleting an account") gives the rule for each kind of record.
"""

from django.db import transaction

from .models import Answer, FormatRequest, Moderation, Response, ResponseStatus


def _when(moment):
    return moment.isoformat() if moment else None


def consultation_answers(user):
    responses = (
        Response.objects.filter(member=user)
        .select_related("consultation")
        .prefetch_related("answers__selections")
        .order_by("created_at")
    )
    data = []
    for response in responses:
        data.append(
            {
                "consultation": response.consultation.title,
                "status": response.status,
                "channel": response.channel,
                "submitted_at": _when(response.submitted_at),
                "you_may_publish_my_words": response.publish_consent,
                "answers": [
                    {
                        "question": answer.question_text,
                        "current": answer.is_current,
                        "voted_in_a_live_poll": answer.cast_live,
                        "given_at": answer.created_at.isoformat(),
                        "choices": [s.choice_text for s in answer.selections.all()],
                        "rating": answer.rating,
                        "text": answer.text,
                        "other": answer.other_text,
                    }
                    for answer in response.answers.all()
                ],
            }
        )
    return "consultation_responses", data


def work_for_others(user):
    """What the member did for other people: when and where, never the other person's answers."""
    entered = (
        Answer.objects.filter(entered_by=user)
        .exclude(response__member=user)
        .select_related("response__consultation")
        .order_by("created_at")
    )
    moderated = Moderation.objects.filter(moderated_by=user).select_related("answer__response__consultation")
    return "work_for_others", {
        "answers_you_entered_for_someone": [
            {"consultation": a.response.consultation.title, "entered_at": a.created_at.isoformat()}
            for a in entered
        ],
        "answers_you_moderated": [
            {
                "consultation": m.answer.response.consultation.title,
                "decision": m.status,
                "redaction_reason": m.redaction_reason,
                "at": _when(m.moderated_at),
            }
            for m in moderated
        ],
    }


def format_requests(user):
    """Requests for another format made with the member's email address, signed in or not."""
    requests = FormatRequest.objects.filter(email__iexact=user.email).select_related("page")
    return "format_requests", [
        {
            "consultation": r.page.title,
            "format": r.format,
            "language": r.language,
            "details": r.details,
            "name": r.name,
            "email": r.email,
            "phone": r.phone,
            "postal_address": r.postal_address,
            "asked_at": r.created_at.isoformat(),
        }
        for r in requests
    ]


# Registered with coproduction.members.services in ConsultationsConfig.ready().
SOURCES = [consultation_answers, work_for_others, format_requests]


# Deleting an account ----------------------------------------------------------------


def forget_member(user):
    """Drafts go with the account; sent responses stay, without the person, so counts hold.

    Format requests made with their email address go. (Live sessions forget the member in
    coproduction/live/personal_data.py.)
    """
    with transaction.atomic():
        Response.objects.filter(member=user, status=ResponseStatus.DRAFT).delete()
        Response.objects.filter(member=user).update(member=None)
        FormatRequest.objects.filter(email__iexact=user.email).delete()
