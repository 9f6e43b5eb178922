"""The answering journey: start, one question per page, check your answers, sent, saved,
and staff or supporters answering for someone. Routed from ConsultationPage."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from coproduction.common.ratelimit import allow, client_address

from . import services
from .forms import AnswerForm, SubmitForm, SupportedResponseForm
from .kinds import kind_for
from .receipts import send_receipt
from .respondents import (
    can_answer_for,
    communication_needs_for,
    members_supported_by,
    remember_token,
    respondent_for,
    start_acting_for,
    stop_acting_for,
)
from .subpages import easy_read_first, render_subpage, version_query
from .summary import answers_summary

ANONYMOUS_NEW_RESPONSES_PER_HOUR = 10
ANSWER_SAVES_PER_MINUTE = 60


def journey_redirect(request, url):
    """Go to the next step, keeping the version (easy read or standard) the address chose."""
    return redirect(url + version_query(request))


def not_open(request, page):
    """A clear page for a consultation that is not taking answers: when, and what instead."""
    return render_subpage(
        request,
        page,
        "consultations/not_open.html",
        {"status": page.status()},
        status=403,
        subpage_title=_("Not open for answers"),
    )


def answering_view(view):
    """A step of the journey: only while the consultation is open, and only for someone
    whose answers can be recorded (signed in, or anonymous where the board allows it).

    The view is called as `view(request, page, respondent, ...)`; otherwise the person
    sees the "not open" page, or is sent to sign in and brought back.
    """

    @wraps(view)
    def guarded(request, page, *args, **kwargs):
        if not page.is_open():
            return not_open(request, page)
        respondent = respondent_for(request, page)
        if respondent is None:
            return redirect_to_login(request.get_full_path())
        return view(request, page, respondent, *args, **kwargs)

    return guarded


def communication_needs_context(request, respondent):
    """For staff answering for someone: that person's communication needs, if they may see them."""
    if respondent is None or not respondent.is_supported:
        return {}
    return {"member_needs": communication_needs_for(request.user, respondent.member)}


@answering_view
def start_answering(request, page, respondent):
    """Go to the first question not yet answered, or to "check your answers" once sent."""
    response = respondent.response(page)
    questions = page.ordered_questions()
    if not questions:
        raise Http404
    missing = services.unanswered_required(response, questions) if response else questions
    number = questions.index(missing[0]) + 1 if missing else 1
    if response and response.is_submitted:
        return journey_redirect(request, page.url_for("check_answers"))
    return journey_redirect(request, page.url_for("answer_question", number))


@answering_view
def answer_question(request, page, respondent, number):
    """One question per page; each Continue saves the draft, so nothing typed is lost."""
    questions = page.ordered_questions()
    if not 1 <= number <= len(questions):
        raise Http404
    question = questions[number - 1]
    easy = easy_read_first(request)
    response = respondent.response(page)
    saved = services.answer_value(services.current_answer(response, question))

    if request.method == "POST":
        form = AnswerForm(question, request.POST, easy_read=easy)
        if not allow(f"answers:{request.user.pk or client_address(request)}", ANSWER_SAVES_PER_MINUTE, 60):
            form.is_valid()
            form.add_error(None, _("You are sending answers very fast. Wait a minute, then try again."))
        elif form.is_valid():
            value = form.value()
            if response is None and value.is_empty():
                pass
            else:
                if response is None:
                    if respondent.token and not allow(
                        f"anonymous-responses:{client_address(request)}",
                        ANONYMOUS_NEW_RESPONSES_PER_HOUR,
                        3600,
                    ):
                        form.add_error(
                            None,
                            _(
                                "Too many new responses have come from your connection. "
                                "Try again in an hour, or sign in."
                            ),
                        )
                        return _question_page(request, page, questions, number, form, respondent)
                    response = respondent.start(page)
                services.save_answer(response, question, value, entered_by=respondent.entered_by)
            if "save_and_return" in request.POST:
                http = journey_redirect(request, page.url_for("answers_saved"))
            elif response is not None and response.is_submitted or number == len(questions):
                http = journey_redirect(request, page.url_for("check_answers"))
            else:
                http = journey_redirect(request, page.url_for("answer_question", number + 1))
            return remember_token(http, respondent)
    else:
        form = AnswerForm(question, initial=AnswerForm.initial_for(question, saved), easy_read=easy)
    return _question_page(request, page, questions, number, form, respondent)


def _question_page(request, page, questions, number, form, respondent):
    question = questions[number - 1]
    previous_url = page.url_for("answer_question", number - 1) if number > 1 else page.url
    return render_subpage(
        request,
        page,
        "consultations/answer_question.html",
        {
            "form": form,
            "question": question,
            "number": number,
            "total": len(questions),
            "previous_url": previous_url + version_query(request),
            "respondent": respondent,
            "easy_read": easy_read_first(request),
            "wording": question.wording(easy_read_first(request)),
            **communication_needs_context(request, respondent),
        },
        subpage_title=_("Question %(number)s of %(total)s") % {"number": number, "total": len(questions)},
    )


@answering_view
def check_answers(request, page, respondent):
    """Check your answers, then send. Sending twice records one response.

    After sending, a change is saved but does not count until it is sent: this page shows
    the changed answers, marks each one not sent yet, and sending replaces the old ones.
    """
    response = respondent.response(page)
    if response is None:
        return journey_redirect(request, page.url_for("start_answering"))
    form = SubmitForm(
        request.POST if request.method == "POST" else None,
        initial={"publish_consent": response.publish_consent},
    )
    missing = []
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.submit_response(response, form.cleaned_data["publish_consent"])
        except services.ConsultationNotOpen:
            return not_open(request, page)
        except services.MissingAnswers as error:
            missing = error.questions
        else:
            if outcome != services.Submission.UNCHANGED:
                send_receipt(request, page, response, outcome == services.Submission.FIRST, respondent)
            if respondent.is_supported:
                stop_acting_for(request, page)
            request.session[f"consultation_done_{page.pk}"] = response.pk
            return journey_redirect(request, page.url_for("answers_sent"))
    questions = page.ordered_questions()
    easy_read = easy_read_first(request)
    rows = answers_summary(page, response, easy_read)
    return render_subpage(
        request,
        page,
        "consultations/check_answers.html",
        {
            "form": form,
            "rows": rows,
            "unsent_changes": any(row.not_sent for row in rows),
            "missing": [(questions.index(q) + 1, q.wording(easy_read)) for q in missing],
            "response": response,
            "respondent": respondent,
            "asks_to_publish": any(kind_for(q).collects_words for q in questions),
            **communication_needs_context(request, respondent),
        },
        subpage_title=_("Check your answers"),
    )


def answers_sent(request, page):
    """The confirmation after sending, for the person who just sent."""
    response_pk = request.session.get(f"consultation_done_{page.pk}")
    if response_pk is None:
        return redirect(page.url)
    return render_subpage(
        request, page, "consultations/answers_sent.html", {}, subpage_title=_("Answers sent")
    )


def answers_saved(request, page):
    """Saved to come back to later: nothing is sent yet, and there is no time limit."""
    return render_subpage(
        request, page, "consultations/answers_saved.html", {}, subpage_title=_("Answers saved")
    )


def answer_for(request, page):
    """Board staff or a named supporter start entering someone's response for them."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    allowed = members_supported_by(request.user)
    if allowed is not None and not allowed.exists():
        raise PermissionDenied
    if not page.is_open():
        return not_open(request, page)
    form = SupportedResponseForm(request.POST or None, allowed_members=allowed)
    if request.method == "POST" and form.is_valid():
        if not can_answer_for(request.user, form.member):
            raise PermissionDenied
        start_acting_for(request, page, form.member, form.cleaned_data["channel"])
        messages.success(
            request, _("You are now entering answers for %(name)s.") % {"name": form.member.display_name}
        )
        return redirect(page.url_for("start_answering"))
    return render_subpage(
        request,
        page,
        "consultations/answer_for.html",
        {"form": form, "allowed": allowed},
        subpage_title=_("Answer for someone else"),
    )


def stop_answering_for(request, page):
    """Stop entering answers for someone; the person's own answers are theirs again."""
    if request.method == "POST":
        stop_acting_for(request, page)
        messages.success(request, _("You have stopped answering for someone else."))
    return redirect(page.url)
