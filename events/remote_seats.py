"""Remote seats at World Café tables: the member's page and the table host's page.

The member's page also shows the round now (its question, end time and minutes left) and
the notes from their table's host; the host's page has "Send the note" and, for
facilitators, "Start the round", "Give more time" and "End round" (events/live_rounds.py).

Both pages work as plain form posts; with JavaScript (events/static/events/remote-seat.js)
sending, accepting and declining go over the event's live session WebSocket and the pages
update live. Either way each step is the live action declared in events/live_actions.py,
carried out by the engine (`services.perform`), so the rules are the same.

Once the live session has ended, both pages still open: the member sees what became of
what they sent, and the host accepts or declines what is still waiting, by form post in the
session it was sent in. Seats, sending, rounds and notes are over.
"""

import math
import uuid

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduction.live import services as live_services
from coproduction.live.models import LiveSession, SessionState
from coproduction.live.protocol import ProtocolError, server_now, validate_client_message
from coproduction.live.registry import ACTIONS

from .forms import (
    AcceptContributionForm,
    DeclineContributionForm,
    RoundControlForm,
    SendToTableForm,
    TableNoteForm,
    TakeSeatForm,
)
from .harvest import tables_for
from .live_rounds import NOTES_KEPT, may_run_rounds, timer_data, visible_notes
from .models import RemoteContribution, RemoteSeat, RoundTimer, TableNote
from .rendering import not_allowed, render_subpage


def cafe_session(page, ended_too=False):
    """The live session of the event this World Café belongs to that is not over, or None.

    With `ended_too`, when none is open, the one that ended last: what was sent in it can
    still be seen, and decided on.
    """
    sessions = LiveSession.objects.filter(host_id=page.get_parent().pk)
    session = sessions.exclude(state=SessionState.ENDED).order_by("scheduled_start", "pk").first()
    if session is None and ended_too:
        session = sessions.filter(state=SessionState.ENDED).order_by("-scheduled_start", "-pk").first()
    return session


def _perform(request, session_id, action_type, action_id, **fields):
    """One live action from a form post, checked as the WebSocket would check it."""
    message = {"type": action_type, "id": action_id, **fields}
    schema = validate_client_message(message)
    data = {name: message.get(name) for name in schema.fields}
    return live_services.perform(session_id, request.user, schema, action_id, data)


def _refusal_status(error):
    return 403 if error.code == "forbidden" else 400


def _sent_to_cafe(page):
    return RemoteContribution.objects.filter(table__page=page)


def _signed_in_and_session(request, page, title):
    """(session, refusal): a sign-in redirect or a page saying why, when there is no way in.
    The session may have ended: the pages then show what was sent in it."""
    if not request.user.is_authenticated:
        return None, redirect_to_login(request.get_full_path())
    session = cafe_session(page, ended_too=True)
    if session is None:
        return None, not_allowed(
            request,
            page,
            _("There is no live session for this World Café, so there are no remote seats."),
            title,
        )
    return session, None


def _member_session(request, page):
    """(session, refusal) for a member at a remote seat: they must be let into the session
    (after it has ended, having sent something to a table here is enough)."""
    title = _("Take a remote seat")
    session, refusal = _signed_in_and_session(request, page, title)
    if refusal:
        return None, refusal
    ended = session.state == SessionState.ENDED
    sent_here = ended and _sent_to_cafe(page).filter(member=request.user).exists()
    if not sent_here and live_services.role_for(session.pk, request.user) is None:
        return None, not_allowed(
            request,
            page,
            _(
                "Remote seats are for people with a place at the event who take part online. "
                "Register to take part online, or change your registration to online."
            ),
            title,
        )
    return session, None


def remote_seat(request, page):
    """A member taking part online: choose a table for a round, write to it, hear when it is
    accepted. A post here is "Take this seat"."""
    session, refusal = _member_session(request, page)
    if refusal:
        return refusal
    if request.method != "POST":
        return _seat_page(request, page, session)
    form = TakeSeatForm(request.POST, page=page)
    if not form.is_valid():
        return _seat_page(request, page, session, take_form=form)
    try:
        result, _duplicate = _perform(
            request,
            session.pk,
            "take_seat",
            form.action_id(),
            table=form.cleaned_data["table"].pk,
            round=form.cleaned_data["round"].pk,
        )
    except ProtocolError as error:
        form.add_error(None, error.message)
        return _seat_page(request, page, session, take_form=form, status=400)
    messages.success(
        request,
        _("You have a seat at %(table)s for round %(number)s.")
        % {"table": result["table"], "number": result["round"]},
    )
    return redirect(page.url_for("remote_seat"))


def _seat_page(request, page, session, take_form=None, send_form=None, status=200):
    seats = list(
        RemoteSeat.objects.filter(member=request.user, round__page=page)
        .select_related("table", "round")
        .order_by("round__sort_order", "round__pk")
    )
    sent = (
        RemoteContribution.objects.filter(member=request.user, table__page=page)
        .select_related("table", "round")
        .order_by("-sent_at", "-pk")
    )
    take_form = take_form or TakeSeatForm(page=page)
    ended = session.state == SessionState.ENDED
    round_now = None if ended else _round_now(session, page)
    seat_now = next((seat for seat in seats if round_now and seat.round_id == round_now["round_id"]), None)
    table_ids = {table.pk for table in page.ordered_tables()}
    send_form = send_form or SendToTableForm(
        page=page, seat_rounds=[seat.round for seat in seats], prefix="send"
    )
    return render_subpage(
        request,
        page,
        "events/remote_seat.html",
        {
            "session": session,
            "ended": ended,
            "seats": seats,
            "sent": sent,
            "take_form": take_form,
            "send_form": send_form,
            "errors_form": take_form if take_form.errors else send_form,
            "action_id": uuid.uuid4().hex,
            "send_confirmation": ACTIONS["send_to_table"].confirmation,
            "round_now": round_now,
            "seat_now": seat_now,
            # The table of each round the member has a seat in, for the page's script.
            "my_seats": {str(seat.round_id): seat.table.name for seat in seats},
            "notes": []
            if ended
            else [n for n in reversed(visible_notes(session, request.user.pk)) if n["table_id"] in table_ids],
        },
        status=status,
        subpage_title=_("Your remote seat") if ended else _("Take a remote seat"),
    )


def _round_now(session, page):
    """The café's current round in this session (its timer's data and the minutes left), or None."""
    timer = (
        RoundTimer.objects.filter(session=session, round__page=page)
        .select_related("round")
        .order_by("-started_at", "-pk")
        .first()
    )
    if timer is None:
        return None
    seconds = (timer.ends_at - timezone.now()).total_seconds()
    # The server's clock, so the page counts down by it even where the device's clock is wrong.
    return {**timer_data(timer), "minutes_left": max(0, math.ceil(seconds / 60)), "server_now": server_now()}


def send_to_table(request, page):
    """The form post of "Send to my table"."""
    session, refusal = _member_session(request, page)
    if refusal:
        return refusal
    if request.method != "POST":
        return redirect(page.url_for("remote_seat"))
    seat_rounds = [
        seat.round
        for seat in RemoteSeat.objects.filter(member=request.user, round__page=page).select_related("round")
    ]
    form = SendToTableForm(request.POST, page=page, seat_rounds=seat_rounds, prefix="send")
    if not form.is_valid():
        return _seat_page(request, page, session, send_form=form)
    try:
        _perform(
            request,
            session.pk,
            "send_to_table",
            form.action_id(),
            round=form.cleaned_data["round"].pk,
            text=form.cleaned_data["text"],
        )
    except ProtocolError as error:
        form.add_error(None, error.message)
        return _seat_page(request, page, session, send_form=form, status=400)
    messages.success(request, ACTIONS["send_to_table"].confirmation)
    return redirect(page.url_for("remote_seat"))


def _host_pending(page, tables):
    return RemoteContribution.objects.filter(table__in=tables, table__page=page)


def _host_access(request, page):
    """(session, tables, refusal) for a table's host or a facilitator."""
    title = _("From remote seats")
    session, refusal = _signed_in_and_session(request, page, title)
    if refusal:
        return None, None, refusal
    tables = tables_for(request.user, page)
    if not tables:
        return (
            None,
            None,
            not_allowed(
                request,
                page,
                _("Only table hosts and facilitators see what remote seats send to tables."),
                title,
            ),
        )
    return session, tables, None


def remote_contributions(request, page):
    """A table's host (or a facilitator): what remote seats sent, live, each to accept into the
    harvest or decline; notes to the table's remote seats; and, for facilitators, the rounds.
    After the session has ended: what is still waiting, to accept or decline."""
    session, tables, refusal = _host_access(request, page)
    if refusal:
        return refusal
    form = None
    status = 200
    if request.method == "POST":
        form = AcceptContributionForm(request.POST, sent_to_cafe=_sent_to_cafe(page))
        if form.is_valid():
            pending = form.cleaned_data["contribution"]
            try:
                # In the session it was sent in, which may have ended since.
                result, _duplicate = _perform(
                    request,
                    pending.session_id,
                    "accept_contribution",
                    form.action_id(),
                    contribution=pending.pk,
                )
            except ProtocolError as error:
                form.add_error(None, error.message)
                status = _refusal_status(error)
            else:
                messages.success(
                    request,
                    _("That contribution was already in the harvest.")
                    if result["already_accepted"]
                    else _("Accepted into the harvest."),
                )
                return redirect(page.url_for("remote_contributions"))
    return _host_page(request, page, session, tables, form=form, status=status)


def decline_contribution(request, page, contribution_id):
    """The form post of "Decline", with the host's reason if they give one."""
    session, tables, refusal = _host_access(request, page)
    if refusal:
        return refusal
    pending = _sent_to_cafe(page).filter(pk=contribution_id).first()
    if pending is None:
        raise Http404(_("That contribution was not sent to a table of this World Café."))
    if request.method != "POST":
        return redirect(page.url_for("remote_contributions"))
    form = DeclineContributionForm(request.POST, prefix=f"d{pending.pk}")
    if not form.is_valid():
        return _host_page(request, page, session, tables, decline_form=(pending.pk, form))
    try:
        result, _duplicate = _perform(
            request,
            pending.session_id,
            "decline_contribution",
            form.action_id(),
            contribution=pending.pk,
            reason=form.cleaned_data["reason"],
        )
    except ProtocolError as error:
        form.add_error(None, error.message)
        return _host_page(
            request, page, session, tables, decline_form=(pending.pk, form), status=_refusal_status(error)
        )
    messages.success(
        request,
        _("That contribution was already declined.")
        if result["already_declined"]
        else ACTIONS["decline_contribution"].confirmation,
    )
    return redirect(page.url_for("remote_contributions"))


def _host_page(
    request, page, session, tables, form=None, note_form=None, round_form=None, decline_form=None, status=200
):
    """The host's page; `decline_form` is (contribution id, form) for a decline refused."""
    contributions = list(
        _host_pending(page, tables)
        .select_related("table", "round", "member__profile")
        .order_by("-sent_at", "-pk")
    )
    ended = session.state == SessionState.ENDED
    waiting = [c for c in contributions if c.is_pending]
    refused_id, refused_form = decline_form or (None, None)
    for item in waiting:
        item.decline_form = (
            refused_form if item.pk == refused_id else DeclineContributionForm(prefix=f"d{item.pk}")
        )
    runs_rounds = not ended and may_run_rounds(request.user, session)
    round_now = None if ended else _round_now(session, page)
    rounds = page.ordered_rounds()
    if ended:
        # Only a refused post from a page loaded before the end keeps its form, for its error
        # and (a note) what was typed.
        note_form = note_form if note_form is not None and note_form.errors else None
        round_form = round_form if round_form is not None and round_form.errors else None
        notes = []
    else:
        note_form = note_form or TableNoteForm(page=page, allowed_tables=tables, prefix="note")
        if round_form is None and runs_rounds:
            round_form = RoundControlForm(page=page, initial=_round_form_initial(round_now, rounds))
        notes = (
            TableNote.objects.filter(session=session, table__in=tables)
            .select_related("table")
            .order_by("-posted_at", "-pk")[:NOTES_KEPT]
        )
    errors_form = next(
        (f for f in (form, note_form, round_form, refused_form) if f is not None and f.errors), None
    )
    return render_subpage(
        request,
        page,
        "events/remote_contributions.html",
        {
            "session": session,
            "ended": ended,
            "tables": tables,
            "waiting": waiting,
            "accepted": [c for c in contributions if c.accepted_at is not None][:20],
            "declined": [c for c in contributions if c.is_declined][:20],
            "form": errors_form,
            "note_form": note_form,
            "round_form": round_form,
            "runs_rounds": runs_rounds,
            "round_now": round_now,
            "rounds": rounds,
            "notes": notes,
            "action_id": uuid.uuid4().hex,
            "note_confirmation": ACTIONS["post_table_note"].confirmation,
            "decline_confirmation": ACTIONS["decline_contribution"].confirmation,
        },
        status=status,
        subpage_title=_("From remote seats"),
    )


def _round_form_initial(round_now, rounds):
    """While a round runs: 5 more minutes. Otherwise the next round, with its own length."""
    if round_now and round_now["running"]:
        return {"minutes": 5}
    numbers = [r.number for r in rounds]
    after = numbers.index(round_now["round"]) + 1 if round_now and round_now["round"] in numbers else 0
    upcoming = rounds[after] if after < len(rounds) else (rounds[0] if rounds else None)
    return {"round": upcoming.pk, "minutes": upcoming.minutes} if upcoming else {}


def post_table_note(request, page):
    """The form post of a table host's note to their table's remote seats."""
    session, tables, refusal = _host_access(request, page)
    if refusal:
        return refusal
    if request.method != "POST":
        return redirect(page.url_for("remote_contributions"))
    form = TableNoteForm(request.POST, page=page, allowed_tables=tables, prefix="note")
    if not form.is_valid():
        return _host_page(request, page, session, tables, note_form=form, status=400)
    try:
        _perform(
            request,
            session.pk,
            "post_table_note",
            form.action_id(),
            table=form.cleaned_data["table"].pk,
            text=form.cleaned_data["text"],
        )
    except ProtocolError as error:
        form.add_error(None, error.message)
        return _host_page(request, page, session, tables, note_form=form, status=400)
    messages.success(request, ACTIONS["post_table_note"].confirmation)
    return redirect(page.url_for("remote_contributions"))


def run_round(request, page):
    """The form posts of a facilitator starting a round, giving it more time or ending it."""
    session, tables, refusal = _host_access(request, page)
    if refusal:
        return refusal
    if not may_run_rounds(request.user, session):
        return not_allowed(
            request, page, _("Only a facilitator or the chair can start and end rounds."), _("Rounds")
        )
    if request.method != "POST":
        return redirect(page.url_for("remote_contributions"))
    form = RoundControlForm(request.POST, page=page)
    if not form.is_valid():
        return _host_page(request, page, session, tables, round_form=form, status=400)
    action_type = form.cleaned_data["type"]
    fields = {"round": form.cleaned_data["round"].pk}
    if action_type != RoundControlForm.END and form.cleaned_data["minutes"] is not None:
        fields["minutes"] = form.cleaned_data["minutes"]
    try:
        _perform(request, session.pk, action_type, form.action_id(), **fields)
    except ProtocolError as error:
        form.add_error(None, error.message)
        status = 403 if error.code == "forbidden" else 400
        return _host_page(request, page, session, tables, round_form=form, status=status)
    messages.success(request, ACTIONS[action_type].confirmation)
    return redirect(page.url_for("remote_contributions"))
