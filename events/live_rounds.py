"""World Café rounds and table notes in the event's live session: events' own live actions.

A facilitator (or the session's chair) starts a round for the whole room (`start_round`):
its question and its end time are stored, so whoever joins late or reconnects sees the
same time left. They can give more time (`give_round_more_time`) and end it
(`end_round`). A table's host posts short notes to the members at that table's remote
seats (`post_table_note`). Everything is told as events for one person each: the round to
everyone seated at the café and its hosts, a note only to the members seated at that table.
The snapshot's `world_cafe` part carries the current rounds and the recent notes.
"""

from datetime import timedelta
from typing import ClassVar

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coproduction.live import events as live_events
from coproduction.live.protocol import ProtocolError
from coproduction.live.registry import Field, register_action
from coproduction.live.snapshots import register_snapshot_part
from home.dates import time_in_words

from .live_actions import MANAGE_HARVEST, OPEN_STATES, cafes_of, harvest_managers, may_accept
from .models import CafeRound, CafeTable, RemoteSeat, RoundTimer, TableNote

NOTE_LIMIT = 300
# The notes a snapshot carries, newest last: enough to catch up, bounded however long the café runs.
NOTES_KEPT = 5
ROUND_MINUTES = (1, 120)
MORE_MINUTES = (1, 60)
DEFAULT_MORE_MINUTES = 5


# Events ---------------------------------------------------------------------------------


@live_events.server_event
class RoundTimerChanged(live_events.ServerEvent):
    type: ClassVar[str] = "round_timer"
    audience: ClassVar[str] = "person"
    doc: ClassVar[str] = (
        "A World Café round started, was given more time or ended: to each member seated at the "
        "café, its table hosts and the facilitators, one event each."
    )
    timer: dict
    change: str
    message: str


@live_events.server_event
class TableNoteSent(live_events.ServerEvent):
    type: ClassVar[str] = "table_note"
    audience: ClassVar[str] = "person"
    doc: ClassVar[str] = (
        "A note from a table's host: to the members seated at that table (and its host and the "
        "facilitators), one event each; never to other tables."
    )
    note: dict


# Payloads -------------------------------------------------------------------------------


def timer_data(timer):
    cafe_round = timer.round
    return {
        "id": timer.pk,
        "cafe_id": cafe_round.page_id,
        "round_id": cafe_round.pk,
        "round": cafe_round.number,
        "question": cafe_round.question,
        "easy_read_question": cafe_round.easy_read_question,
        # Milliseconds at most: every browser's Date.parse reads them.
        "started_at": timezone.localtime(timer.started_at).isoformat(timespec="milliseconds"),
        "ends_at": timezone.localtime(timer.ends_at).isoformat(timespec="milliseconds"),
        "ends_at_words": time_in_words(timer.ends_at),
        "running": timer.is_running,
    }


def note_data(note):
    return {
        "id": note.pk,
        "table_id": note.table_id,
        "table": note.table.name,
        "text": note.text,
        "at": timezone.localtime(note.posted_at).isoformat(),
        "at_words": time_in_words(note.posted_at),
    }


def minutes_in_words(minutes):
    return gettext("1 minute") if minutes == 1 else gettext("%(n)s minutes") % {"n": minutes}


def started_message(timer, minutes):
    return gettext("Round %(number)s has started: %(question)s It ends at %(time)s, in about %(length)s.") % {
        "number": timer.round.number,
        "question": timer.round.question,
        "time": time_in_words(timer.ends_at),
        "length": minutes_in_words(minutes),
    }


# Who hears what ---------------------------------------------------------------------------


def may_run_rounds(user, session):
    """Facilitators run the rounds for the whole room; so may the session's chair."""
    return user.has_perm(MANAGE_HARVEST) or session.is_chair(user)


def round_audience(cafe_id, also=()):
    """Everyone seated at any table of the café, its table hosts and the harvest's managers."""
    people = harvest_managers()
    people.update(RemoteSeat.objects.filter(round__page_id=cafe_id).values_list("member_id", flat=True))
    people.update(
        CafeTable.objects.filter(page_id=cafe_id, host__isnull=False).values_list("host_id", flat=True)
    )
    people.update(also)
    return sorted(people)


def note_audience(note):
    """The members seated at the note's table (for its round), the table's host and the managers."""
    seats = RemoteSeat.objects.filter(table_id=note.table_id)
    if note.round_id is not None:
        seats = seats.filter(round_id=note.round_id)
    people = harvest_managers()
    people.update(seats.values_list("member_id", flat=True))
    if note.table.host_id is not None:
        people.add(note.table.host_id)
    people.add(note.posted_by_id)
    return sorted(people)


def log_to(unit, event, people):
    for person in get_user_model().objects.filter(pk__in=people):
        unit.log(event, person=person)


# Lookups --------------------------------------------------------------------------------


def round_of(session, round_id):
    cafe_round = CafeRound.objects.filter(pk=round_id, page__in=cafes_of(session)).first()
    if cafe_round is None:
        raise ProtocolError("not_found", gettext("That round is not one of this event's World Café rounds."))
    return cafe_round


def require_round_runner(unit, user):
    if not may_run_rounds(user, unit.session):
        raise ProtocolError("forbidden", gettext("Only a facilitator or the chair can start and end rounds."))


def minutes_from(data, name, default, limits):
    minutes = data.get(name)
    if minutes is None:
        return default
    low, high = limits
    if not low <= minutes <= high:
        raise ProtocolError(
            "invalid_value",
            gettext("Give a number of minutes from %(low)s to %(high)s.") % {"low": low, "high": high},
        )
    return minutes


def running_timer(session, cafe_round):
    timer = (
        RoundTimer.objects.filter(session=session, round=cafe_round, ended_at__isnull=True)
        .select_related("round")
        .first()
    )
    if timer is None:
        raise ProtocolError(
            "wrong_state", gettext("Round %(number)s is not running.") % {"number": cafe_round.number}
        )
    return timer


def current_round(session, cafe_id):
    """The café's latest round in this session, running or ended, or None before the first."""
    return (
        RoundTimer.objects.filter(session=session, round__page_id=cafe_id)
        .order_by("-started_at", "-pk")
        .values_list("round_id", flat=True)
        .first()
    )


# Actions --------------------------------------------------------------------------------


@register_action(
    "start_round",
    doc="A facilitator starts a World Café round for the whole room, with its length.",
    fields={"round": Field(int), "minutes": Field(int, required=False)},
    confirmation=_("The round has started. Everyone at a remote seat has been told."),
)
def start_round(unit, user, data):
    cafe_round = round_to_run(unit, user, data)
    minutes = minutes_from(data, "minutes", cafe_round.minutes, ROUND_MINUTES)
    running = (
        RoundTimer.objects.filter(
            session=unit.session, round__page_id=cafe_round.page_id, ended_at__isnull=True
        )
        .select_related("round")
        .first()
    )
    if running is not None:
        raise ProtocolError(
            "wrong_state",
            gettext("Round %(number)s is still running. End it before you start another.")
            % {"number": running.round.number},
        )
    now = timezone.now()
    timer = RoundTimer.objects.create(
        session=unit.session,
        round=cafe_round,
        started_at=now,
        ends_at=now + timedelta(minutes=minutes),
        started_by=user,
    )
    return tell_round(unit, user, timer, "started", started_message(timer, minutes))


def tell_round(unit, user, timer, change, message):
    """Tell the café's seats, hosts and facilitators (and who ran it) the round's new timer."""
    payload = timer_data(timer)
    event = RoundTimerChanged(timer=payload, change=change, message=message)
    log_to(unit, event, round_audience(timer.round.page_id, also=[user.pk]))
    return payload


def round_to_run(unit, user, data):
    """The round named in `data`, for someone who may run rounds, in an open session."""
    unit.require_state(*OPEN_STATES)
    require_round_runner(unit, user)
    return round_of(unit.session, data["round"])


@register_action(
    "give_round_more_time",
    doc="A facilitator moves the running round's end time later, and everyone is told politely.",
    fields={"round": Field(int), "minutes": Field(int, required=False)},
    confirmation=_("The round has more time. Everyone at a remote seat has been told."),
)
def give_round_more_time(unit, user, data):
    cafe_round = round_to_run(unit, user, data)
    minutes = minutes_from(data, "minutes", DEFAULT_MORE_MINUTES, MORE_MINUTES)
    timer = running_timer(unit.session, cafe_round)
    # Time already up: the extra minutes count from now, not from the end that has passed.
    timer.ends_at = max(timer.ends_at, timezone.now()) + timedelta(minutes=minutes)
    timer.save(update_fields=["ends_at"])
    message = gettext("More time: round %(number)s now ends at %(time)s.") % {
        "number": cafe_round.number,
        "time": time_in_words(timer.ends_at),
    }
    return tell_round(unit, user, timer, "more_time", message)


@register_action(
    "end_round",
    doc="A facilitator ends the running round.",
    fields={"round": Field(int)},
    confirmation=_("The round has ended. Everyone at a remote seat has been told."),
)
def end_round(unit, user, data):
    cafe_round = round_to_run(unit, user, data)
    timer = running_timer(unit.session, cafe_round)
    timer.ended_at = timezone.now()
    timer.save(update_fields=["ended_at"])
    return tell_round(
        unit, user, timer, "ended", gettext("Round %(number)s has ended.") % {"number": cafe_round.number}
    )


@register_action(
    "post_table_note",
    doc="A table's host posts a short note to the members at that table's remote seats.",
    fields={"table": Field(int), "text": Field(str, max_length=NOTE_LIMIT)},
    confirmation=_("Your note has gone to the members at your table's remote seats."),
)
def post_table_note(unit, user, data):
    unit.require_state(*OPEN_STATES)
    table = CafeTable.objects.filter(pk=data["table"], page__in=cafes_of(unit.session)).first()
    if table is None:
        raise ProtocolError("not_found", gettext("That table is not at this event's World Café."))
    if not may_accept(user, table):
        raise ProtocolError("forbidden", gettext("Only this table's host can post notes to it."))
    note = TableNote.objects.create(
        session=unit.session,
        table=table,
        round_id=current_round(unit.session, table.page_id),
        text=data["text"].strip(),
        posted_by=user,
    )
    payload = note_data(note)
    log_to(unit, TableNoteSent(note=payload), note_audience(note))
    return payload


# The snapshot's part ----------------------------------------------------------------------


def visible_notes(session, user_id):
    """The recent notes of the tables this person sits at (for the note's round) or hosts."""
    seats = RemoteSeat.objects.filter(member_id=user_id, table_id=OuterRef("table_id"))
    seated = Exists(seats.filter(round_id=OuterRef("round_id"))) | (Q(round__isnull=True) & Exists(seats))
    notes = (
        TableNote.objects.filter(session=session)
        .filter(seated | Q(table__host_id=user_id))
        .select_related("table")
        .order_by("-posted_at", "-pk")[:NOTES_KEPT]
    )
    return [note_data(note) for note in reversed(notes)]


def world_cafe_part(session, role):
    """Each café's current round (running or just ended) and the person's recent table notes.

    Two queries, whatever the session's host: a session with no rounds or notes adds nothing.
    """
    latest = {}
    for timer in (
        RoundTimer.objects.filter(session=session).select_related("round").order_by("-started_at", "-pk")[:50]
    ):
        latest.setdefault(timer.round.page_id, timer)
    notes = visible_notes(session, role.user_id)
    if not latest and not notes:
        return {}
    return {"world_cafe": {"rounds": [timer_data(timer) for timer in latest.values()], "notes": notes}}


register_snapshot_part("world_cafe", world_cafe_part)
