"""Consultation pages and the answering journey. Routed from ConsultationPage."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from home.preferences import preferences_for
from home.ratelimit import allow, client_address

from . import services
from .forms import AnswerForm, FormatRequestForm, SubmitForm, SupportedResponseForm
from .models.pages import Status
from .respondents import (
    can_answer_for,
    communication_needs_for,
    members_supported_by,
    remember_token,
    respondent_for,
    start_acting_for,
    stop_acting_for,
)

ANONYMOUS_NEW_RESPONSES_PER_HOUR = 10
ANSWER_SAVES_PER_MINUTE = 60
STATUS_FILTERS = [(s.value, s.label) for s in Status]


def easy_read_first(request):
    """Easy read comes first if the person chose it, or asked for it in the address."""
    version = request.GET.get("version")
    if version in ("easy-read", "standard"):
        return version == "easy-read"
    return preferences_for(request).easy_read_first


def version_query(request):
    """The address's choice of version (`?version=easy-read` or standard), to carry to the
    next step of the journey; empty when the address did not choose one."""
    version = request.GET.get("version")
    return f"?version={version}" if version in ("easy-read", "standard") else ""


def _journey_redirect(request, url):
    return redirect(url + version_query(request))


def consultation_list_context(index_page, request):
    """Filters (status, board) and the consultations that match, for the index page."""
    from .models import Board, ConsultationPage

    pages = list(
        ConsultationPage.objects.child_of(index_page)
        .live()
        .public()
        .select_related("board")
        .order_by("-closes_at")
    )
    status = request.GET.get("status", "")
    board = request.GET.get("board", "")
    if status in dict(STATUS_FILTERS):
        pages = [p for p in pages if p.status() == status]
    if board:
        pages = [p for p in pages if p.board.slug == board]
    return {
        "consultations": pages,
        "status_filters": STATUS_FILTERS,
        "boards": Board.objects.all(),
        "chosen_status": status,
        "chosen_board": board,
    }


def _render(request, page, template, context=None, status=200, subpage_title=None):
    context = {
        "page": page,
        "subpage_title": subpage_title,
        "version_query": version_query(request),
        **(context or {}),
    }
    return TemplateResponse(request, template, context, status=status)


def consultation_page(request, page):
    respondent = respondent_for(request, page) if request.user.is_authenticated else None
    response = respondent.response(page) if respondent else None
    return _render(
        request,
        page,
        "consultations/consultation_page.html",
        {
            "easy_read_first": easy_read_first(request),
            "my_response": response,
            "submitted_count": services.submitted_count(page)
            if page.status() == Status.REPORTED_BACK
            else None,
            "themes": services.theme_counts(page) if page.status() == Status.REPORTED_BACK else None,
            "can_see_results": can_see_results(request.user, page),
            "live_sessions": page.live_sessions.all(),
        },
    )


def not_open(request, page):
    """A clear page for a consultation that is not taking answers: when, and what instead."""
    return _render(
        request,
        page,
        "consultations/not_open.html",
        {"status": page.status()},
        status=403,
        subpage_title=_("Not open for answers"),
    )


def communication_needs_context(request, respondent):
    """For staff answering for someone: that person's communication needs, if they may see them."""
    if respondent is None or not respondent.is_supported:
        return {}
    return {"member_needs": communication_needs_for(request.user, respondent.member)}


def _respondent_or_sign_in(request, page):
    respondent = respondent_for(request, page)
    if respondent is None:
        return None, redirect_to_login(request.get_full_path())
    return respondent, None


def start_answering(request, page):
    if not page.is_open():
        return not_open(request, page)
    respondent, redirect_response = _respondent_or_sign_in(request, page)
    if redirect_response:
        return redirect_response
    response = respondent.response(page)
    questions = page.ordered_questions()
    if not questions:
        raise Http404
    missing = services.unanswered_required(response, questions) if response else questions
    number = questions.index(missing[0]) + 1 if missing else 1
    if response and response.is_submitted:
        return _journey_redirect(request, page.url + "answer/check/")
    return _journey_redirect(request, f"{page.url}answer/{number}/")


def answer_question(request, page, number):
    """One question per page; each Continue saves the draft, so nothing typed is lost."""
    if not page.is_open():
        return not_open(request, page)
    respondent, redirect_response = _respondent_or_sign_in(request, page)
    if redirect_response:
        return redirect_response
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
                http = _journey_redirect(request, page.url + "answer/saved/")
            elif response is not None and response.is_submitted or number == len(questions):
                http = _journey_redirect(request, page.url + "answer/check/")
            else:
                http = _journey_redirect(request, f"{page.url}answer/{number + 1}/")
            return remember_token(http, respondent)
    else:
        form = AnswerForm(question, initial=AnswerForm.initial_for(question, saved), easy_read=easy)
    return _question_page(request, page, questions, number, form, respondent)


def _question_page(request, page, questions, number, form, respondent):
    question = questions[number - 1]
    return _render(
        request,
        page,
        "consultations/answer_question.html",
        {
            "form": form,
            "question": question,
            "number": number,
            "total": len(questions),
            "previous_url": (f"{page.url}answer/{number - 1}/" if number > 1 else page.url)
            + version_query(request),
            "respondent": respondent,
            "easy_read": easy_read_first(request),
            "wording": question.wording(easy_read_first(request)),
            **communication_needs_context(request, respondent),
        },
        subpage_title=_("Question %(number)s of %(total)s") % {"number": number, "total": len(questions)},
    )


@dataclass
class SummaryRow:
    """One question in "check your answers", the receipt or the export, with its answer."""

    number: int
    question: object
    wording: str
    lines: list
    not_sent: bool = False


def _answer_lines(question, answer, easy_read):
    lines = []
    if answer is None:
        return lines
    choices = {c.pk: c for c in question.choices.all()}

    def chosen(selection):
        # The words as they were chosen, unless the person reads the easy read wording.
        choice = choices.get(selection.choice_id)
        if easy_read and choice is not None and choice.easy_read_text:
            return choice.easy_read_text
        return selection.choice_text

    if question.kind == "rating":
        labels = dict(question.rating_scale())
        lines.append(f"{answer.rating} \u2013 {labels.get(answer.rating, '')}")
    elif question.kind == "ranking":
        lines += [f"{s.rank}. {chosen(s)}" for s in answer.selections.all()]
    else:
        lines += [chosen(s) for s in answer.selections.all()]
        if answer.other_text:
            lines.append(_("Other: %(text)s") % {"text": answer.other_text})
        if answer.text:
            lines.append(answer.text)
    return lines


def answers_summary(page, response, easy_read=False, sent=False):
    """A SummaryRow per question: the current answers (what the person would send), or with
    `sent` the answers they last sent (what counts). Easy read wording where they chose it."""
    rows = []
    for number, question in enumerate(page.ordered_questions(), start=1):
        current = services.current_answer(response, question)
        last_sent = services.sent_answer(response, question)
        rows.append(
            SummaryRow(
                number=number,
                question=question,
                wording=question.wording(easy_read),
                lines=_answer_lines(question, last_sent if sent else current, easy_read),
                not_sent=response.is_submitted and not sent and current != last_sent,
            )
        )
    return rows


def check_answers(request, page):
    """Check your answers, then send. Sending twice records one response.

    After sending, a change is saved but does not count until it is sent: this page shows
    the changed answers, marks each one not sent yet, and sending replaces the old ones.
    """
    if not page.is_open():
        return not_open(request, page)
    respondent, redirect_response = _respondent_or_sign_in(request, page)
    if redirect_response:
        return redirect_response
    response = respondent.response(page)
    if response is None:
        return _journey_redirect(request, page.url + "answer/")
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
            return _journey_redirect(request, page.url + "answer/done/")
    questions = page.ordered_questions()
    easy_read = easy_read_first(request)
    rows = answers_summary(page, response, easy_read)
    return _render(
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
            "has_text_questions": any(q.kind == "text" for q in questions),
            **communication_needs_context(request, respondent),
        },
        subpage_title=_("Check your answers"),
    )


def receipt_in_easy_read(request, respondent):
    """The receipt goes to the member: their own choice of easy read decides its wording.

    Someone answering for themselves may also have asked for easy read in the address.
    """
    if respondent is not None and respondent.is_supported:
        profile = getattr(respondent.member, "profile", None)
        return bool(profile and profile.easy_read_first)
    return easy_read_first(request)


def send_receipt(request, page, response, first_time, respondent=None):
    """Email the member a copy of the answers they just sent."""
    member = response.member
    if member is None or not member.email:
        return
    body = render_to_string(
        "consultations/email/receipt.txt",
        {
            "page": page,
            "response": response,
            "rows": answers_summary(page, response, receipt_in_easy_read(request, respondent), sent=True),
            "first_time": first_time,
            "page_url": request.build_absolute_uri(page.url),
        },
    )
    subject = (_("Your answers to: %(title)s") if first_time else _("Your changed answers to: %(title)s")) % {
        "title": page.title
    }
    send_mail(subject, body, None, [member.email])


def answers_sent(request, page):
    response_pk = request.session.get(f"consultation_done_{page.pk}")
    if response_pk is None:
        return redirect(page.url)
    return _render(request, page, "consultations/answers_sent.html", {}, subpage_title=_("Answers sent"))


def answers_saved(request, page):
    return _render(request, page, "consultations/answers_saved.html", {}, subpage_title=_("Answers saved"))


def can_see_results(user, page):
    return page.results_published or user.has_perm("consultations.view_live_results")


def export_links_context(user, page):
    """Links to the CSV and XLSX exports, for people who may export responses."""
    if not (user.has_perm("consultations.export_responses") and user.has_perm("wagtailadmin.access_admin")):
        return {}
    return {
        "export_links": [
            {
                "url": reverse("consultations_export", args=[page.pk, file_format]),
                "label": _("Download the responses as a spreadsheet (%(format)s)")
                % {"format": file_format.upper()},
            }
            for file_format in ("csv", "xlsx")
        ],
        "export_shows_identity": user.has_perm("consultations.view_respondent_identity"),
    }


def results(request, page):
    if not can_see_results(request.user, page):
        return _render(
            request,
            page,
            "consultations/results_not_published.html",
            {},
            status=403,
            subpage_title=_("Results"),
        )
    return _render(
        request,
        page,
        "consultations/results.html",
        {
            "results": services.question_results(page),
            "themes": services.theme_counts(page),
            "submitted_count": services.submitted_count(page),
            "live": page.status() == Status.OPEN,
            **export_links_context(request.user, page),
        },
        subpage_title=_("Results"),
    )


def other_formats(request, page):
    """Ask for the consultation in another format; the request reaches the board's contact."""
    form = FormatRequestForm(request.POST or None)
    if request.method == "POST":
        if not allow(f"format-requests:{client_address(request)}", 10, 3600):
            form.is_valid()
            form.add_error(None, _("Too many requests have come from your connection. Try again in an hour."))
        elif form.is_valid():
            format_request = form.save(commit=False)
            format_request.page = page
            format_request.save()
            body = render_to_string(
                "consultations/email/format_request.txt",
                {"page": page, "request": format_request, "page_url": request.build_absolute_uri(page.url)},
            )
            send_mail(
                _("Format request: %(title)s") % {"title": page.title}, body, None, [page.board.contact_email]
            )
            return _render(
                request,
                page,
                "consultations/format_request_sent.html",
                {"format_request": format_request},
                subpage_title=_("Request sent"),
            )
    return _render(
        request, page, "consultations/other_formats.html", {"form": form}, subpage_title=_("Other formats")
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
        return redirect(page.url + "answer/")
    return _render(
        request,
        page,
        "consultations/answer_for.html",
        {"form": form, "allowed": allowed},
        subpage_title=_("Answer for someone else"),
    )


def stop_answering_for(request, page):
    if request.method == "POST":
        stop_acting_for(request, page)
        messages.success(request, _("You have stopped answering for someone else."))
    return redirect(page.url)
