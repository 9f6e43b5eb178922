"""The rules of answering and counting, apart from views and templates."""

from collections import Counter
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Answer, AnswerChoice, QuestionKind, Response, ResponseChannel, ResponseStatus
from .models.responses import ModerationStatus


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


@dataclass(frozen=True)
class AnswerValue:
    """What a person answered to one question, already validated."""

    text: str = ""
    other_text: str = ""
    rating: int | None = None
    choices: tuple = ()  # (choice, rank or None) pairs

    def is_empty(self):
        return not (self.text or self.other_text or self.rating or self.choices)

    def key(self):
        return (self.text, self.other_text, self.rating, tuple((c.pk, r) for c, r in self.choices))


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
    """Sent answers of submitted responses: what the results count."""
    return Answer.objects.filter(
        response__consultation=page, response__status=ResponseStatus.SUBMITTED, is_sent=True
    )


@dataclass
class QuestionResult:
    question: object
    answered: int = 0
    rows: list = field(default_factory=list)  # (label, count, percent)
    average_rank: list = field(default_factory=list)  # (label, average position)
    published_texts: list = field(default_factory=list)

    BAR_PITCH = 44

    def bars(self):
        """Bars for the SVG chart: a label line, then a bar as wide as its percentage."""
        return [
            {
                "label": label,
                "percent": percent,
                "label_y": i * self.BAR_PITCH + 16,
                "y": i * self.BAR_PITCH + 22,
                "width": percent * 5,
                "percent_x": percent * 5 + 8,
                "percent_y": i * self.BAR_PITCH + 36,
            }
            for i, (label, _count, percent) in enumerate(self.rows)
        ]

    def chart_height(self):
        return len(self.rows) * self.BAR_PITCH


def _percent(count, total):
    return round(100 * count / total) if total else 0


def question_results(page):
    """Counts for every question, as the results page and the export show them."""
    answers = counted_answers(page).select_related("moderation", "response").prefetch_related("selections")
    by_question = {}
    for answer in answers:
        by_question.setdefault(answer.question_id, []).append(answer)
    results = []
    for question in page.ordered_questions():
        given = by_question.get(question.pk, [])
        result = QuestionResult(question=question, answered=len(given))
        if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            counts = Counter(s.choice_id for a in given for s in a.selections.all())
            for choice in question.choices.all():
                result.rows.append((choice.text, counts[choice.pk], _percent(counts[choice.pk], len(given))))
            if question.allow_other:
                others = sum(1 for a in given if a.other_text)
                result.rows.append(("Other", others, _percent(others, len(given))))
        elif question.kind == QuestionKind.RATING:
            counts = Counter(a.rating for a in given)
            for value, label in question.rating_scale():
                result.rows.append(
                    (f"{value} \u2013 {label}", counts[value], _percent(counts[value], len(given)))
                )
        elif question.kind == QuestionKind.RANKING:
            positions = {}
            for a in given:
                for s in a.selections.all():
                    positions.setdefault(s.choice_id, []).append(s.rank)
            for choice in question.choices.all():
                ranks = positions.get(choice.pk, [])
                first = sum(1 for r in ranks if r == 1)
                result.rows.append((choice.text, first, _percent(first, len(given))))
                if ranks:
                    result.average_rank.append((choice.text, round(sum(ranks) / len(ranks), 1)))
            result.average_rank.sort(key=lambda row: row[1])
        else:
            for a in given:
                moderation = getattr(a, "moderation", None)
                if (
                    moderation
                    and moderation.status == ModerationStatus.APPROVED
                    and a.response.publish_consent
                ):
                    result.published_texts.append(moderation.published_text)
        results.append(result)
    return results


def theme_counts(page):
    from django.db.models import Count, Q

    return page.themes.annotate(
        count=Count(
            "answers",
            filter=Q(answers__is_sent=True, answers__response__status=ResponseStatus.SUBMITTED),
        )
    ).order_by("-count", "name")


def submitted_count(page):
    return page.responses.filter(status=ResponseStatus.SUBMITTED).count()


SUPPORTED_CHANNELS = [c for c in ResponseChannel if c != ResponseChannel.ONLINE]
