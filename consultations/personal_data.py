"""What consultations hold about a member, for "download my data" and account deletion."""

from .models import Response, ResponseStatus


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
                "submitted_at": response.submitted_at.isoformat() if response.submitted_at else None,
                "you_may_publish_my_words": response.publish_consent,
                "answers": [
                    {
                        "question": answer.question_text,
                        "current": answer.is_current,
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


def forget_member(user):
    """Drafts go with the account; sent responses stay, without the person, so counts hold."""
    Response.objects.filter(member=user, status=ResponseStatus.DRAFT).delete()
    Response.objects.filter(member=user).update(member=None)
