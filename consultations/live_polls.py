"""Live polls: consultations' actions and events, registered with the live engine.

The chair puts one of the consultation's questions (single, multiple choice, rating), or
a quick poll typed on the spot, to the session; members vote from the live page. A vote
goes through the question's kind (`AnswerForm`: its fields, its checks, its value) and
`services.record_live_vote`, so it is a normal answer: it counts in the consultation's
results and keeps one answer per member. Protocol in docs/live-protocol.md.

Results are coalesced. A vote does not log the counts itself: the first vote after a
quiet spell logs them at once, and the votes within the next half second only mark them
out of date (`LivePoll.results_dirty`) and ask for one flush when the half second is up
(`coproduction.live.deferred.run_later`). So clients get at most two results events a
second per poll however many vote, each logged with its seq like any event. The flag and
the time live in the database, under the session's lock, so whichever process runs the
flush, the counts are logged once; if that process dies first, the next vote, pause or
close logs them.
"""

from datetime import timedelta
from typing import ClassVar

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coproduction.common.validation import has_control_character
from coproduction.live.actions import UnitOfWork
from coproduction.live.events import ServerEvent, server_event
from coproduction.live.models import SessionState
from coproduction.live.presence import presence_count
from coproduction.live.protocol import ProtocolError
from coproduction.live.registry import Field, register_action
from coproduction.live.snapshots import register_snapshot_part

from .forms import AnswerForm
from .kinds import OTHER, SingleChoice, kind_for
from .models import Choice, ConsultationPage, LivePoll, PollState, Question
from .services import counted_answers, find_response, record_live_vote, sent_answer

RESULTS_WINDOW = timedelta(milliseconds=500)
FLUSH_MARGIN = timedelta(milliseconds=40)
QUICK_POLL_OPTIONS = 6
QUICK_POLL_TEXT_LIMIT = 300  # Question.text
QUICK_POLL_OPTION_LIMIT = 200  # Choice.text


# Events ---------------------------------------------------------------------------


@server_event
class Poll(ServerEvent):
    type: ClassVar[str] = "poll"
    doc: ClassVar[str] = "A live poll opened, paused, resumed, got more time, or closed."
    poll: dict
    message: str


@server_event
class PollResults(ServerEvent):
    type: ClassVar[str] = "poll_results"
    doc: ClassVar[str] = "The counts of a live poll, for everyone (when the chair shows them)."
    results: dict


@server_event
class ChairPollResults(ServerEvent):
    type: ClassVar[str] = "chair_poll_results"
    audience: ClassVar[str] = "chairs"
    doc: ClassVar[str] = "The counts of a live poll, for chairs, while members do not see them."
    results: dict


# Payloads -------------------------------------------------------------------------


def poll_data(poll):
    """What everyone may know about a poll: its question, its options and its state."""
    question = poll.question
    return {
        "id": poll.pk,
        "question_id": question.pk,
        "text": question.text,
        "kind": question.kind,
        "options": [{"value": str(value), "label": str(label)} for value, label in poll_options(question)],
        "state": poll.state,
        "results_shown": poll.results_shown,
        "results_published": poll.results_published,
        "more_time": poll.more_time_given,
    }


def poll_options(question):
    field = kind_for(question).form_fields(question)["answer"]
    # "Other, please say" needs a box of its own: it stays on the consultation page.
    return [(value, label) for value, label in field.choices if value != OTHER]


def results_data(poll):
    """The counts, as text first: "12 of 30 chose 'Yes'", with the numbers for a bar chart."""
    question = poll.question
    answers = list(counted_answers(question.page_id).filter(question=question).prefetch_related("selections"))
    result = kind_for(question).count(question, answers)
    rows = [
        {
            "label": str(label),
            "count": count,
            "percent": percent,
            "text": gettext("%(count)s of %(total)s chose \u201c%(label)s\u201d")
            % {"count": count, "total": result.answered, "label": label},
        }
        for label, count, percent in result.rows
    ]
    return {
        "poll_id": poll.pk,
        "answered": result.answered,
        "present": presence_count(poll.session_id),
        "rows": rows,
        "state": poll.state,
    }


def my_vote(page, user, question):
    """The values of the member's counted answer, so their form shows their vote ticked.

    The sent answer, not a draft saved on the consultation page: only a sent one is a vote.
    """
    if not getattr(user, "is_authenticated", False):
        return []
    answer = sent_answer(find_response(page, member=user), question)
    if answer is None:
        return []
    if answer.rating:
        return [str(answer.rating)]
    return [str(selection.choice_id) for selection in answer.selections.all()]


def poll_snapshot(session, role):
    """The session's latest poll as this person should see it now, for a client (re)joining.

    `poll` as in the `poll` event (null if none was ever opened), `my_vote` (the values the
    person voted for), and `poll_results` if they may see the counts: the chair always,
    members while the chair shows them or once a published poll has closed.
    """
    poll = LivePoll.objects.filter(session=session).select_related("question").first()
    if poll is None:
        return {"poll": None}
    from django.contrib.auth import get_user_model

    user = get_user_model()(pk=role.user_id) if role.user_id else None
    data = {
        "poll": poll_data(poll),
        "my_vote": my_vote(poll.question.page_id, user, poll.question) if user is not None else [],
    }
    if role.is_chair or poll.results_visible_to_members:
        data["poll_results"] = results_data(poll)
    return data


register_snapshot_part("live_poll", poll_snapshot)


def log_results(unit, poll):
    """Log the counts now, to everyone if they are shown to members, else to chairs only."""
    data = results_data(poll)
    event = PollResults if poll.results_visible_to_members else ChairPollResults
    logged = unit.log(event(results=data))
    # The window is measured from the event's own time, so the log itself shows the spacing.
    poll.results_dirty = False
    poll.results_logged_at = logged.created_at
    LivePoll.objects.filter(pk=poll.pk).update(results_dirty=False, results_logged_at=logged.created_at)


def results_changed(unit, poll):
    """A vote changed the counts: log them now, or at the end of this half second."""
    from coproduction.live.deferred import run_later

    now = timezone.now()
    if poll.results_logged_at is None or now - poll.results_logged_at >= RESULTS_WINDOW:
        log_results(unit, poll)
        return
    if poll.results_dirty:
        return  # a flush is already asked for
    LivePoll.objects.filter(pk=poll.pk).update(results_dirty=True)
    delay = (poll.results_logged_at + RESULTS_WINDOW - now).total_seconds()
    session_id, poll_id = unit.session_id, poll.pk
    from django.db import transaction

    transaction.on_commit(lambda: run_later(delay, flush_results, session_id, poll_id))


def flush_results(session_id, poll_id):
    """Log a poll's counts if a vote changed them since they were last logged."""
    with UnitOfWork(session_id) as unit:
        poll = LivePoll.objects.select_related("question").filter(pk=poll_id, session=unit.session).first()
        if poll is None or not poll.results_dirty:
            return
        # A flush that ran late finds counts logged since and a newer vote waiting: that vote
        # asked for its own flush, half a second after those counts, so this one leaves it.
        # (The margin allows for the timer and the clock not agreeing to the millisecond.)
        if poll.results_logged_at and timezone.now() - poll.results_logged_at < RESULTS_WINDOW - FLUSH_MARGIN:
            return
        log_results(unit, poll)


# Looking things up, refusing with words ------------------------------------------------


def consultation_of(session):
    page = session.host.specific
    if not isinstance(page, ConsultationPage):
        raise ProtocolError("not_found", gettext("Live polls need a session hosted by a consultation."))
    return page


def poll_of(unit, poll_id):
    poll = (
        LivePoll.objects.select_related("question").filter(pk=poll_id, session=unit.session).first()
        if isinstance(poll_id, int)
        else None
    )
    if poll is None:
        raise ProtocolError("not_found", gettext("There is no such poll in this session."))
    return poll


def require_running(poll):
    if poll.state == PollState.CLOSED:
        raise ProtocolError("wrong_state", gettext("This poll has closed."))


def require_no_running_poll(unit):
    if LivePoll.objects.filter(session=unit.session).exclude(state=PollState.CLOSED).exists():
        raise ProtocolError(
            "wrong_state", gettext("Another poll is still running. Close it before opening a new one.")
        )


def tell(unit, poll, message=""):
    unit.log(Poll(poll=poll_data(poll), message=str(message)))


def start_poll(unit, question):
    poll = LivePoll.objects.create(session=unit.session, question=question)
    tell(unit, poll, gettext("A poll has opened: %(question)s") % {"question": question.text})
    log_results(unit, poll)
    return {"poll_id": poll.pk, "question_id": question.pk}


# The chair's actions --------------------------------------------------------------

OPEN_STATES = (SessionState.SCHEDULED, SessionState.LIVE, SessionState.PAUSED)


@register_action(
    "open_poll",
    doc="Put one of the consultation's questions (single, multiple choice or rating) to everyone.",
    role="chair",
    fields={"question_id": Field(int)},
    confirmation=_("The poll is open. Members can vote now."),
)
def open_poll(unit, user, data):
    unit.require_state(*OPEN_STATES)
    page = consultation_of(unit.session)
    question = Question.objects.filter(pk=data["question_id"], page=page).first()
    if question is None:
        raise ProtocolError("not_found", gettext("That question is not part of this consultation."))
    if not kind_for(question).live_poll_input:
        raise ProtocolError(
            "invalid_value", gettext("Only single choice, multiple choice and rating questions can be polls.")
        )
    if not page.is_open():
        raise ProtocolError("wrong_state", gettext("The consultation is closed, so it cannot take votes."))
    require_no_running_poll(unit)
    return start_poll(unit, question)


@register_action(
    "open_quick_poll",
    doc="Put a question typed on the spot, with 2 to 6 options, to everyone.",
    role="chair",
    fields={
        "text": Field(str, max_length=QUICK_POLL_TEXT_LIMIT),
        **{
            f"option_{n}": Field(str, required=n <= 2, max_length=QUICK_POLL_OPTION_LIMIT)
            for n in range(1, QUICK_POLL_OPTIONS + 1)
        },
    },
    confirmation=_("The quick poll is open. Members can vote now."),
)
def open_quick_poll(unit, user, data):
    unit.require_state(*OPEN_STATES)
    page = consultation_of(unit.session)
    if not page.is_open():
        raise ProtocolError("wrong_state", gettext("The consultation is closed, so it cannot take votes."))
    text = data["text"].strip()
    if has_control_character(text):
        raise ProtocolError("invalid_value", gettext("The question holds an invisible control character."))
    options = [(data.get(f"option_{n}") or "").strip() for n in range(1, QUICK_POLL_OPTIONS + 1)]
    options = [option for option in options if option]
    if len(options) < 2:
        raise ProtocolError("invalid_value", gettext("Give at least two options."))
    if len({option.casefold() for option in options}) < len(options):
        raise ProtocolError("invalid_value", gettext("Give each option once."))
    require_no_running_poll(unit)
    last = page.questions.order_by("-sort_order").values_list("sort_order", flat=True).first() or 0
    # A question of the consultation, so votes are answers like any other; not required,
    # so people who answered everything before it existed still have a complete response.
    question = Question.objects.create(
        page=page,
        kind=SingleChoice.name,
        text=text,
        required=False,
        live_quick_poll=True,
        sort_order=last + 1,
    )
    Choice.objects.bulk_create(
        Choice(question=question, text=option, sort_order=n) for n, option in enumerate(options)
    )
    return start_poll(unit, question)


@register_action(
    "pause_poll",
    doc="Pause a poll over a break: votes are refused, with a message, until it is resumed.",
    role="chair",
    fields={"poll_id": Field(int)},
    confirmation=_("The poll is paused. Votes wait until you resume it."),
)
def pause_poll(unit, user, data):
    poll = move_poll(
        unit,
        data["poll_id"],
        PollState.OPEN,
        PollState.PAUSED,
        refusal=gettext("Only an open poll can be paused."),
        message=gettext("The poll is paused for a break. You can vote when it starts again."),
    )
    if poll.results_dirty:
        log_results(unit, poll)
    return {"poll_id": poll.pk, "state": poll.state}


@register_action(
    "resume_poll",
    doc="Open a paused poll for votes again.",
    role="chair",
    fields={"poll_id": Field(int)},
    confirmation=_("The poll is open again."),
)
def resume_poll(unit, user, data):
    poll = move_poll(
        unit,
        data["poll_id"],
        PollState.PAUSED,
        PollState.OPEN,
        refusal=gettext("Only a paused poll can be resumed."),
        message=gettext("The poll is open again. You can vote now."),
    )
    return {"poll_id": poll.pk, "state": poll.state}


def move_poll(unit, poll_id, from_state, to_state, refusal, message):
    """Move a poll of this session from one state to the next, telling everyone, or refuse."""
    poll = poll_of(unit, poll_id)
    if poll.state != from_state:
        raise ProtocolError("wrong_state", refusal)
    poll.state = to_state
    poll.save(update_fields=["state"])
    tell(unit, poll, message)
    return poll


@register_action(
    "give_more_time",
    doc="Tell everyone there is more time to vote; the poll stays open until the chair closes it.",
    role="chair",
    fields={"poll_id": Field(int)},
    confirmation=_("Everyone has been told there is more time to vote."),
)
def give_more_time(unit, user, data):
    poll = poll_of(unit, data["poll_id"])
    require_running(poll)
    poll.more_time_given += 1
    poll.save(update_fields=["more_time_given"])
    tell(unit, poll, gettext("There is more time to vote. Take the time you need."))
    return {"poll_id": poll.pk, "more_time": poll.more_time_given}


@register_action(
    "show_poll_results",
    doc="Choose whether members see a poll's counts while it runs (the chair always sees them).",
    role="chair",
    fields={"poll_id": Field(int), "shown": Field(bool, required=False)},
    confirmation=_("Your choice about showing the results is saved."),
)
def show_poll_results(unit, user, data):
    poll = poll_of(unit, data["poll_id"])
    poll.results_shown = bool(data.get("shown"))
    poll.save(update_fields=["results_shown"])
    tell(unit, poll)
    log_results(unit, poll)
    return {"poll_id": poll.pk, "results_shown": poll.results_shown}


@register_action(
    "close_poll",
    doc="Close a poll; `publish` shows its final counts to everyone.",
    role="chair",
    fields={"poll_id": Field(int), "publish": Field(bool, required=False)},
    confirmation=_("The poll is closed."),
)
def close_poll(unit, user, data):
    poll = poll_of(unit, data["poll_id"])
    require_running(poll)
    poll.state = PollState.CLOSED
    poll.closed_at = timezone.now()
    poll.results_published = bool(data.get("publish"))
    poll.save(update_fields=["state", "closed_at", "results_published"])
    page = poll.question.page
    tell(
        unit,
        poll,
        gettext(
            "The poll has closed. If you did not vote, you can still answer on the consultation "
            "page until %(closes)s."
        )
        % {"closes": ConsultationPage.objects.get(pk=page.pk).closes_in_words()},
    )
    log_results(unit, poll)
    return {"poll_id": poll.pk, "state": poll.state}


# The member's action --------------------------------------------------------------


def answer_data(answer):
    """The vote as form data for the question's kind: one value, or a list of them."""
    data = QueryDict(mutable=True)
    if answer is None:
        return data
    values = answer if isinstance(answer, list) else [answer]
    for value in values:
        if isinstance(value, bool) or not isinstance(value, (int, str)):
            raise ProtocolError("wrong_type", gettext("A vote is a choice's value, or a list of them."))
        data.appendlist("answer", str(value))
    return data


@register_action(
    "vote",
    doc=(
        "Vote in a live poll; voting again replaces the vote. `answer` is a value from the "
        "poll's options (a list for multiple choice)."
    ),
    fields={"poll_id": Field(int), "answer": Field(object, required=False)},
    confirmation=_("Your vote is counted. You can change it while the poll is open."),
)
def vote(unit, user, data):
    poll = poll_of(unit, data["poll_id"])
    if poll.state == PollState.CLOSED:
        raise ProtocolError(
            "wrong_state",
            gettext("This poll has closed. You can still answer on the consultation page while it is open."),
        )
    if poll.state == PollState.PAUSED:
        raise ProtocolError(
            "wrong_state",
            gettext(
                "The poll is paused for a break, so your vote was not sent. Send it again when it restarts."
            ),
        )
    question = poll.question
    page = ConsultationPage.objects.get(pk=question.page_id)
    if not page.is_open():
        raise ProtocolError(
            "wrong_state", gettext("The consultation has closed, so votes are no longer counted.")
        )
    form = AnswerForm(question, data=answer_data(data.get("answer")))
    if not form.is_valid():
        errors = [str(message) for messages in form.errors.values() for message in messages]
        raise ProtocolError("invalid_value", errors[0] if errors else gettext("Choose an answer."))
    value = form.value()
    if value.is_empty():
        raise ProtocolError("invalid_value", gettext("Choose an answer."))
    record_live_vote(page, user, question, value)
    results_changed(unit, poll)
    return {"poll_id": poll.pk, "voted": True}
