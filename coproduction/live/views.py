"""Live session pages. Every action also works as a plain form post, without JavaScript."""

import uuid

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from coproduction.common.ratelimit import allow
from home.dates import datetime_in_words
from home.sources import prefetch_source_links

from . import services
from .forms import TEXT_FORMS, LiveActionForm, form_for_post
from .framing import check_text
from .models import LiveSession, SignalKind
from .panels import panels_for
from .protocol import FORM_POSTS_PER_MINUTE, ProtocolError, validate_client_message
from .registry import ACTIONS, browser_config, console_actions

SHORTCUTS = [
    ("h", gettext_lazy("Raise or lower your hand")),
    ("w", gettext_lazy("Go to the box for writing to the chair")),
    ("s", gettext_lazy("Send \u201cplease slow down\u201d")),
    ("c", gettext_lazy("Show or hide captions")),
]


STATE_ACTIONS = [
    ("start", gettext_lazy("Start, or resume after a break")),
    ("pause", gettext_lazy("Pause for a break")),
    ("end", gettext_lazy("End the session")),
]

QUESTION_ID_SLOT = "QUESTION_ID"

# A refused form post is answered with the page it came from, with this status.
REFUSAL_STATUS = {"forbidden": 403, "rate_limited": 429}


def _session_for(page, session_id):
    session = LiveSession.objects.filter(pk=session_id, host=page).first()
    if session is None:
        raise Http404
    return session


def _role_or_refuse(request, session):
    if not request.user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    role = services.role_for(session.pk, request.user)
    if role is None:
        raise PermissionDenied(_("This live session is only open to invited members."))
    return role, None


def _record_refusal(request, session):
    """None if this person may read the record and transcript; else a sign-in redirect or a 403."""
    if session.may_read_record(request.user):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(_("The record of this session is only open to the people who may join it."))


def _render(request, page, session, template, context, subpage_title, status=200):
    return TemplateResponse(
        request,
        template,
        {
            "page": page,
            "session": session,
            "subpage_title": subpage_title,
            "action_url": page.url_for("live_action", session.pk),
            **context,
        },
        status=status,
    )


def _state_words(session):
    if session.state == "scheduled":
        return _("Not started yet. It is planned for %(when)s.") % {
            "when": datetime_in_words(session.scheduled_start)
        }
    return {"live": _("Live now"), "paused": _("On a break"), "ended": _("This session has ended")}[
        session.state
    ]


class ActionIds:
    """A fresh action id for each form on the page, so a double submit counts once."""

    def __getattr__(self, name):
        return uuid.uuid4().hex


def _live_context(request, session, role, refused=None):
    """What both live pages show; `refused` is a form post's form, shown again with its errors."""
    data = services.snapshot(session.pk, role)
    queue = data["queue"]["hands"]
    my_hand = data["my_hand"]
    position = queue.index(my_hand["id"]) + 1 if my_hand and my_hand["id"] in queue else None
    profile = getattr(request.user, "profile", None)
    forms = {action_type: form_class() for action_type, form_class in TEXT_FORMS.items()}
    if refused is not None and refused.data.get("type") in forms:
        forms[refused.data["type"]] = refused
    return {
        "live": data,
        "state_words": _state_words(session),
        "my_position": position,
        "queue_length": len(queue),
        "signal_kinds": SignalKind.choices,
        "shortcuts": SHORTCUTS,
        "captions_on": bool(profile and profile.captions_on) or role.is_captioner,
        "role": role,
        "ids": ActionIds(),
        "live_actions": browser_config(),
        "forms": forms,
        "refused": refused,
        # Sections other apps add (consultations: live polls), after the forms above.
        "panels": panels_for(request, session, role, refused),
    }


def _member_page(request, page, session, role, refused=None, status=200):
    context = _live_context(request, session, role, refused)
    context["here"] = page.url_for("live_page", session.pk)
    return _render(request, page, session, "live/live_page.html", context, session.title, status)


def _chair_page(request, page, session, role, refused=None, status=200):
    context = _live_context(request, session, role, refused)
    context["here"] = page.url_for("chair_console", session.pk)
    context["state_actions"] = STATE_ACTIONS
    context["more_actions"] = console_actions(session)
    # The markup the live script copies for each question that arrives: the same controls.
    context["question_template"] = {"id": QUESTION_ID_SLOT, "status": "new", "publish": False}
    return _render(request, page, session, "live/chair_console.html", context, _("Chair's console"), status)


def live_page(request, page, session_id):
    """What a member sees: agenda, captions, hand, written questions, access signals."""
    session = _session_for(page, session_id)
    role, redirect_response = _role_or_refuse(request, session)
    if redirect_response:
        return redirect_response
    return _member_page(request, page, session, role)


def chair_console(request, page, session_id):
    """The chair's controls: state, agenda, queue, questions, signals, announcements."""
    session = _session_for(page, session_id)
    role, redirect_response = _role_or_refuse(request, session)
    if redirect_response:
        return redirect_response
    if not role.is_chair:
        raise PermissionDenied(_("Only the chair of this session can use the chair's console."))
    return _chair_page(request, page, session, role)


@require_POST
def live_action(request, page, session_id):
    """Any action as a form post. Done: back to the page it came from, with a confirmation.
    Refused: that page again, with the reason in the error summary and what was typed kept."""
    session = _session_for(page, session_id)
    role, redirect_response = _role_or_refuse(request, session)
    if redirect_response:
        return redirect_response
    from_chair = request.POST.get("from") == "chair" and role.is_chair
    form = form_for_post(request.POST)
    status = 400
    if form.is_valid():
        try:
            action_type, duplicate = _perform_post(request, session, form)
        except ProtocolError as error:
            form.add_error(None, error.message)
            status = REFUSAL_STATUS.get(error.code, 400)
        else:
            if not duplicate:
                messages.success(request, ACTIONS[action_type].confirmation)
            return redirect(page.url_for("chair_console" if from_chair else "live_page", session.pk))
    show = _chair_page if from_chair else _member_page
    return show(request, page, session, role, refused=form, status=status)


def _perform_post(request, session, form):
    """Carry out a checked form post as its protocol message; ProtocolError if refused."""
    message = form.message()
    schema = validate_client_message(message)
    # An action with no form of its own (an app's action) gets the same control-character
    # check as over the WebSocket; a form of its own has refused them in its own words.
    if type(form) is LiveActionForm:
        check_text(schema, message)
    if not allow(f"live-form-posts:{request.user.pk}", FORM_POSTS_PER_MINUTE, 60):
        raise ProtocolError("rate_limited", _("Too many actions at once. Wait a moment and try again."))
    data = {name: message.get(name) for name in schema.fields}
    _result, duplicate = services.perform(session.pk, request.user, schema, message["id"], data)
    return schema.type, duplicate


def transcript(request, page, session_id):
    """The captions so far, as a text file with times, for the people who may read the record."""
    session = _session_for(page, session_id)
    refusal = _record_refusal(request, session)
    if refusal:
        return refusal
    lines = [f"{session.title}", ""]
    for line in session.captions.order_by("created_at", "pk"):
        lines.append(f"[{timezone.localtime(line.created_at):%H:%M:%S}] {line.text}")
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="transcript-{session.pk}.txt"'
    return response


def session_record(request, page, session_id):
    """Agenda, full transcript, published questions, what was decided: for the people who may
    join, and for everyone once a session with a public record has ended."""
    session = _session_for(page, session_id)
    refusal = _record_refusal(request, session)
    if refusal:
        return refusal
    record = services.session_record(session, request.GET.get("page", 1))
    # What became of each question on the record, asked of the apps once for the page.
    for question in record["questions"]:
        question.session = session  # their links are the session's: no query each
    prefetch_source_links(request, record["questions"])
    return _render(
        request,
        page,
        session,
        "live/session_record.html",
        record,
        _("Record of %(title)s") % {"title": session.title},
    )
