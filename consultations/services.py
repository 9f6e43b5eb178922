"""The rules of answering and counting, apart from views and templates."""

from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, OuterRef, Q
from django.utils import timezone

from .kinds import AnswerValue, kind_for
from .models import Answer, AnswerChoice, Response, ResponseChannel, ResponseStatus


class ConsultationNotOpen(Exception):
    """Answers were sent before the consultation opened or after it closed."""


class MissingAnswers(Exception):
    def __init__(self, questions):
        super().__init__("Required questions are not answered")
        self.questions = questions


def find_response(page, member=None, token=None):
    if member is not None:
        return Response.objects.filter(consultation=page, member=member).first()
    if token:
        return Response.objects.filter(consultation=page, browser_token=token).first()
    return None


def start_response(page, member=None, token=None, **details):
    """The respondent's response, created if needed. Safe when two requests race."""
    lookup = {"member": member} if member is not None else {"browser_token": token}
    try:
        with transaction.atomic():
            response, _created = Response.objects.get_or_create(consultation=page, **lookup, defaults=details)
    except IntegrityError:
        # Another request created it between our read and our insert.
        response = Response.objects.get(consultation=page, **lookup)
    if details and any(getattr(response, k) != v for k, v in details.items()):
        Response.objects.filter(pk=response.pk).update(**details)
        response.refresh_from_db()
    return response


def answer_value(answer):
    if answer is None:
        return None
    return AnswerValue(
        text=answer.text,
        other_text=answer.other_text,
        rating=answer.rating,
        choices=tuple((s.choice, s.rank) for s in answer.selections.all() if s.choice is not None),
    )


def current_answer(response, question):
    """The answer the person sees and would send (perhaps changed since they last sent)."""
    if response is None:
        return None
    return response.answers.filter(question=question, is_current=True).prefetch_related("selections").first()


def sent_answer(response, question):
    """The answer the person last sent: the one results and exports count."""
    if response is None:
        return None
    return response.answers.filter(question=question, is_sent=True).prefetch_related("selections").first()


def save_answer(response, question, value, entered_by=None):
    """Record an answer. A change keeps the earlier answer and makes the new one current.

    After sending, a change is current but not sent: the sent answer keeps counting until
    the person sends again. Changing back to the sent answer leaves nothing to send.
    Returns the current Answer (None if the answer was cleared).
    """
    with transaction.atomic():
        # Lock the response: two tabs saving the same question take turns.
        Response.objects.select_for_update().get(pk=response.pk)
        existing = current_answer(response, question)
        if existing is not None and answer_value(existing).key() == value.key():
            return existing
        if existing is not None:
            Answer.objects.filter(pk=existing.pk).update(is_current=False)
        if value.is_empty():
            return None
        sent = sent_answer(response, question)
        if sent is not None and answer_value(sent).key() == value.key():
            Answer.objects.filter(pk=sent.pk).update(is_current=True)
            sent.is_current = True
            return sent
        answer = Answer.objects.create(
            response=response,
            question=question,
            question_text=question.text,
            text=value.text,
            other_text=value.other_text,
            rating=value.rating,
            entered_by=entered_by,
        )
        AnswerChoice.objects.bulk_create(
            AnswerChoice(answer=answer, choice=choice, choice_text=choice.text, rank=rank)
            for choice, rank in value.choices
        )
        Response.objects.filter(pk=response.pk).update(updated_at=timezone.now())
        return answer


def record_live_vote(page, member, question, value):
    """A member's vote in a live poll: their answer to `question`, sent as it is cast.

    It goes through `save_answer` like any answer (one current answer per question, a
    change replaces it) and becomes the sent answer at once, as a show of hands would:
    a live vote counts without the rest of the consultation being answered. Returns the
    Answer.
    """
    response = start_response(page, member=member)
    with transaction.atomic():
        before = sent_answer(response, question)
        answer = save_answer(response, question, value)
        response.answers.filter(question=question, is_sent=True).exclude(pk=answer.pk).update(is_sent=False)
        # The same answer sent earlier on the consultation page stays an answer given there.
        cast_live = before is None or before.pk != answer.pk
        Answer.objects.filter(pk=answer.pk).update(is_sent=True, cast_live=cast_live or before.cast_live)
    return answer


def unanswered_required(response, questions):
    answered = (
        set(response.answers.filter(is_current=True).values_list("question_id", flat=True))
        if response
        else set()
    )
    return [q for q in questions if q.required and q.pk not in answered]


class Submission:
    FIRST = "first"
    CHANGED = "changed"
    UNCHANGED = "unchanged"


def submit_response(response, publish_consent=False, now=None):
    """Submit, or re-submit after changes. Returns a Submission value.

    Two submits at once (two tabs, a double click) record one response, and only the
    first of them counts as a change.
    """
    page = response.consultation
    if not page.is_open(now):
        raise ConsultationNotOpen()
    missing = unanswered_required(response, page.ordered_questions())
    if missing:
        raise MissingAnswers(missing)
    with transaction.atomic():
        locked = Response.objects.select_for_update().get(pk=response.pk)
        if locked.status != ResponseStatus.SUBMITTED:
            outcome = Submission.FIRST
        elif locked.has_unsent_changes() or locked.publish_consent != publish_consent:
            outcome = Submission.CHANGED
        else:
            outcome = Submission.UNCHANGED
        if outcome != Submission.UNCHANGED:
            # What the person sees now is what counts from now on.
            current = list(locked.current_answers().values_list("pk", flat=True))
            locked.sent_answers().exclude(pk__in=current).update(is_sent=False)
            Answer.objects.filter(pk__in=current).update(is_sent=True)
            stamp = timezone.now()
            locked.status = ResponseStatus.SUBMITTED
            locked.publish_consent = publish_consent
            locked.submitted_at = locked.submitted_at or stamp
            locked.last_submitted_at = stamp
            locked.save(
                update_fields=["status", "publish_consent", "submitted_at", "last_submitted_at", "updated_at"]
            )
    response.refresh_from_db()
    return outcome


def counted_answers(page):
    """Sent answers of submitted responses, and votes sent in live polls: what the results count."""
    return Answer.objects.filter(counts_as_sent(), response__consultation=page)


def question_results(page):
    """Counts for every question, as the results page shows them: each kind counts its own."""
    answers = counted_answers(page).select_related("moderation", "response").prefetch_related("selections")
    by_question = {}
    for answer in answers:
        by_question.setdefault(answer.question_id, []).append(answer)
    results = []
    for question in page.ordered_questions():
        counted = by_question.get(question.pk, [])
        result = kind_for(question).count(question, counted)
        # Votes in a live poll and answers given afterwards count the same; the page says how many of each.
        result.live_votes = sum(1 for answer in counted if answer.cast_live)
        results.append(result)
    return results


def counts_as_sent(prefix=""):
    """The filter for answers that count: sent, and either in a submitted response or cast live."""
    return Q(**{f"{prefix}is_sent": True}) & (
        Q(**{f"{prefix}response__status": ResponseStatus.SUBMITTED}) | Q(**{f"{prefix}cast_live": True})
    )


def theme_counts(page):
    from django.db.models import Count

    return page.themes.annotate(count=Count("answers", filter=counts_as_sent("answers__"))).order_by(
        "-count", "name"
    )


def counted_responses(page):
    """The responses whose answers count: submitted ones, and those with a vote cast in a live poll.

    A live vote is a normal answer, so the person who cast it is one of the people who
    answered, in the count, the export and the results, whether or not they went on to
    send the rest of the consultation. `last_live_vote_at` is when their latest counted
    live vote was cast (None if they voted in no live poll).
    """
    live_votes = Answer.objects.filter(response=OuterRef("pk"), is_sent=True, cast_live=True)
    return page.responses.filter(Q(status=ResponseStatus.SUBMITTED) | Exists(live_votes)).annotate(
        last_live_vote_at=Max("answers__created_at", filter=Q(answers__is_sent=True, answers__cast_live=True))
    )


def submitted_count(page):
    """How many people answered: those who sent their answers and those who voted live."""
    return counted_responses(page).count()


SUPPORTED_CHANNELS = [c for c in ResponseChannel if c != ResponseChannel.ONLINE]
