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
from django.views.decorators.http import require_POST

from home.dates import datetime_in_words
from home.ratelimit import allow

from ..models import LiveSession
from ..models.live import SignalKind
from . import services
from .protocol import CLIENT_MESSAGES, FORM_POSTS_PER_MINUTE, ProtocolError, validate_client_message

SHORTCUTS = [
    ("h", _("Raise or lower your hand")),
    ("w", _("Go to the box for writing to the chair")),
    ("s", _("Send \u201cplease slow down\u201d")),
    ("c", _("Show or hide captions")),
]


STATE_ACTIONS = [
    ("start", _("Start, or resume after a break")),
    ("pause", _("Pause for a break")),
    ("end", _("End the session")),
]


def _session_for(page, session_id):
    session = LiveSession.objects.filter(pk=session_id, consultation=page).first()
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


def _render(request, page, session, template, context, subpage_title):
    return TemplateResponse(
        request,
        template,
        {
            "page": page,
            "session": session,
            "subpage_title": subpage_title,
            "action_url": f"{page.url}live/{session.pk}/action/",
            **context,
        },
    )


def _state_words(session):
    if session.state == "scheduled":
        return _("Not started yet. It is planned for %(when)s.") % {
            "when": datetime_in_words(session.scheduled_start)
        }
    return {"live": _("Live now"), "paused": _("On a break"), "ended": _("This session has ended")}[
        session.state
    ]


def _common(request, session, role):
    data = services.snapshot(session.pk, role)
    queue = data["queue"]["hands"]
    my_hand = data["my_hand"]
    position = queue.index(my_hand["id"]) + 1 if my_hand and my_hand["id"] in queue else None
    profile = getattr(request.user, "profile", None)
    return {
        "live": data,
        "state_words": _state_words(session),
        "my_position": position,
        "queue_length": len(queue),
        "signal_kinds": SignalKind.choices,
        "shortcuts": SHORTCUTS,
        "captions_on": bool(profile and profile.captions_on) or role.is_captioner,
        "role": role,
    }


class ActionIds:
    """A fresh action id for each form on the page, so a double submit counts once."""

    def __getattr__(self, name):
        return uuid.uuid4().hex


def live_page(request, page, session_id):
    """What a member sees: agenda, captions, hand, written questions, access signals."""
    session = _session_for(page, session_id)
    role, redirect_response = _role_or_refuse(request, session)
    if redirect_response:
        return redirect_response
    context = _common(request, session, role)
    context["ids"] = ActionIds()
    return _render(request, page, session, "consultations/live/live_page.html", context, session.title)


def chair_console(request, page, session_id):
    """The chair's controls: state, agenda, queue, questions, signals, announcements."""
    session = _session_for(page, session_id)
    role, redirect_response = _role_or_refuse(request, session)
    if redirect_response:
        return redirect_response
    if not role.is_chair:
        raise PermissionDenied(_("Only the chair of this session can use the chair's console."))
    context = _common(request, session, role)
    context["ids"] = ActionIds()
    context["state_actions"] = STATE_ACTIONS
    return _render(
        request, page, session, "consultations/live/chair_console.html", context, _("Chair's console")
    )


FORM_FIELD_TYPES = {"item_id": int, "hand_id": int, "question_id": int}


def _message_from_form(post):
    message = {"type": post.get("type", ""), "id": post.get("id") or None}
    schema = CLIENT_MESSAGES.get(message["type"])
    for name, spec in schema.fields.items() if schema else []:
        if name not in post:
            continue
        value = post.get(name)
        if spec.kind is int:
            try:
                value = int(value)
            except (TypeError, ValueError):
                raise ProtocolError("wrong_type", _("That is not a valid choice.")) from None
        elif spec.kind is bool:
            value = value in ("on", "true", "1")
        message[name] = value
    return message


@require_POST
def live_action(request, page, session_id):
    """Any action as a form post; the result is shown on the page it came from."""
    session = _session_for(page, session_id)
    role, redirect_response = _role_or_refuse(request, session)
    if redirect_response:
        return redirect_response
    back = f"{page.url}live/{session.pk}/" + (
        "chair/" if request.POST.get("from") == "chair" and role.is_chair else ""
    )
    try:
        message = _message_from_form(request.POST)
        schema = validate_client_message(message)
        if not schema.action:
            raise ProtocolError("unknown_type", _("That is not something you can do here."))
        if not allow(f"live-form-posts:{request.user.pk}", FORM_POSTS_PER_MINUTE, 60):
            raise ProtocolError("rate_limited", _("Too many actions at once. Wait a moment and try again."))
        data = {name: message.get(name) for name in schema.fields}
        _result, duplicate = services.perform(session.pk, request.user, schema, message["id"], data)
    except ProtocolError as error:
        messages.error(request, error.message)
    else:
        if not duplicate:
            messages.success(request, CONFIRMATIONS.get(schema.type, _("Done.")))
    return redirect(back)


CONFIRMATIONS = {
    "raise_hand": _("Your hand is raised."),
    "lower_hand": _("Your hand is lowered."),
    "ask_question": _("Your question has been sent to the chair."),
    "signal": _("The chair has been told."),
    "caption": _("Caption sent."),
    "start": _("The session is live."),
    "pause": _("The session is on a break."),
    "end": _("The session has ended."),
    "set_agenda": _("The agenda item has changed."),
    "give_floor": _("You gave the floor."),
    "lower_hand_for": _("The hand is lowered."),
    "clear_hands": _("All hands are lowered."),
    "mark_question": _("The question is marked."),
    "reset_signals": _("The signal counts are reset."),
    "announce": _("Your announcement has been sent."),
}


def transcript(request, page, session_id):
    """The captions so far, as a text file with times."""
    session = _session_for(page, session_id)
    role, redirect_response = _role_or_refuse(request, session)
    if redirect_response:
        return redirect_response
    lines = [f"{session.title}", ""]
    for line in session.captions.order_by("created_at", "pk"):
        lines.append(f"[{timezone.localtime(line.created_at):%H:%M:%S}] {line.text}")
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="transcript-{session.pk}.txt"'
    return response


def session_record(request, page, session_id):
    """After the session: agenda, full transcript, published questions, what was decided."""
    session = _session_for(page, session_id)
    return _render(
        request,
        page,
        session,
        "consultations/live/session_record.html",
        services.session_record(session),
        _("Record of %(title)s") % {"title": session.title},
    )
