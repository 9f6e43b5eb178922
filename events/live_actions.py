"""Remote seats at World Café tables: events' own live actions, registered with the engine.

A member taking part online in the event's live session takes a seat at a table for a
round (`take_seat`), writes what they want the table to hear (`send_to_table`), and the
table's host accepts it into the harvest (`accept_contribution`) or declines it, with a
reason if they like (`decline_contribution`). What is sent goes only to that table's host
and to the facilitators who manage the harvest, as events for one person each; the sender
hears which it was. Accepting and declining stay open after the session has ended, so
nothing sent is stranded. Nothing here is written into the engine: the consumer, the form
posts and the docs test read these declarations.
"""

from typing import ClassVar

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from coproduction.live import events as live_events
from coproduction.live.models import SessionState
from coproduction.live.protocol import ProtocolError
from coproduction.live.registry import Field, register_action
from home.dates import time_in_words

from .models import CafeRound, CafeTable, ContributionSource, RemoteContribution, RemoteSeat, WorldCafePage

MANAGE_HARVEST = "events.manage_harvest"
SEND_LIMIT = 2000
DECLINE_REASON_LIMIT = 300
OPEN_STATES = (SessionState.SCHEDULED, SessionState.LIVE, SessionState.PAUSED)


# Events ---------------------------------------------------------------------------------


@live_events.server_event
class SeatTaken(live_events.ServerEvent):
    type: ClassVar[str] = "seat_taken"
    audience: ClassVar[str] = "person"
    doc: ClassVar[str] = "Your remote seat at a World Café table for a round (to that member only)."
    seat: dict


@live_events.server_event
class TableContribution(live_events.ServerEvent):
    type: ClassVar[str] = "table_contribution"
    audience: ClassVar[str] = "person"
    doc: ClassVar[str] = (
        "What a remote seat sent to a table, waiting to be accepted: to that table's host and "
        "the facilitators who manage the harvest, one event each."
    )
    contribution: dict


@live_events.server_event
class ContributionAccepted(live_events.ServerEvent):
    type: ClassVar[str] = "contribution_accepted"
    audience: ClassVar[str] = "person"
    doc: ClassVar[str] = (
        "A remote contribution is in the harvest: to its sender, the table's host and the facilitators."
    )
    contribution_id: int
    harvest_id: int | None
    table: str
    round: int


@live_events.server_event
class ContributionDeclined(live_events.ServerEvent):
    type: ClassVar[str] = "contribution_declined"
    audience: ClassVar[str] = "person"
    doc: ClassVar[str] = (
        "A remote contribution is not added to the harvest, with the host's reason if given: "
        "to its sender, the table's host and the facilitators."
    )
    contribution_id: int
    table: str
    round: int
    reason: str


# Payloads and lookups ---------------------------------------------------------------------


def seat_data(seat):
    return {
        "table_id": seat.table_id,
        "table": seat.table.name,
        "round_id": seat.round_id,
        "round": seat.round.number,
        "question": seat.round.question,
    }


def contribution_data(pending):
    profile = getattr(pending.member, "profile", None)
    return {
        "id": pending.pk,
        "table_id": pending.table_id,
        "table": pending.table.name,
        "round_id": pending.round_id,
        "round": pending.round.number,
        "question": pending.round.question,
        "text": pending.text,
        "name": (profile.display_name if profile else "") or gettext("A member"),
        "sent_at": time_in_words(timezone.localtime(pending.sent_at)),
        "accepted": pending.accepted_at is not None,
        "declined": pending.declined_at is not None,
    }


def cafes_of(session):
    """The World Cafés of the event that hosts this session (none for any other host)."""
    return WorldCafePage.objects.child_of(session.host)


def may_accept(user, table):
    """Who decides what goes into a table's harvest: its host, or a facilitator."""
    return user.pk == table.host_id or user.has_perm(MANAGE_HARVEST)


def harvest_managers():
    """The active people who may accept for any table (Facilitators, by their groups)."""
    permission = Permission.objects.filter(
        codename="manage_harvest", content_type__app_label="events"
    ).first()
    if permission is None:
        return set()
    users = get_user_model().objects.filter(
        Q(groups__permissions=permission) | Q(user_permissions=permission), is_active=True
    )
    return set(users.values_list("pk", flat=True))


def recipients(table):
    """Who sees what is sent to this table: its host and the harvest's managers."""
    people = harvest_managers()
    if table.host_id is not None:
        people.add(table.host_id)
    return sorted(people)


def log_for(unit, event, people):
    User = get_user_model()
    for person in User.objects.filter(pk__in=people):
        unit.log(event, person=person)


# Actions --------------------------------------------------------------------------------


@register_action(
    "take_seat",
    doc="Take a remote seat at a World Café table of this event for one round.",
    fields={"table": Field(int), "round": Field(int)},
    confirmation=_("You have a seat at the table for that round."),
)
def take_seat(unit, user, data):
    unit.require_state(*OPEN_STATES)
    table = CafeTable.objects.filter(pk=data["table"], page__in=cafes_of(unit.session)).first()
    if table is None:
        raise ProtocolError("not_found", gettext("That table is not at this event's World Café."))
    cafe_round = CafeRound.objects.filter(pk=data["round"], page_id=table.page_id).first()
    if cafe_round is None:
        raise ProtocolError("not_found", gettext("That round is not one of this World Café's rounds."))
    seat, _created = RemoteSeat.objects.update_or_create(
        member=user, round=cafe_round, defaults={"table": table}
    )
    seat = RemoteSeat.objects.select_related("table", "round").get(pk=seat.pk)
    unit.log(SeatTaken(seat=seat_data(seat)), person=user)
    return seat_data(seat)


@register_action(
    "send_to_table",
    doc="Write to your table for a round you have a remote seat in; only its host sees it.",
    fields={"round": Field(int), "text": Field(str, max_length=SEND_LIMIT)},
    confirmation=_("Sent to your table's host. You will hear when they add it to the harvest."),
)
def send_to_table(unit, user, data):
    unit.require_state(*OPEN_STATES)
    seat = (
        RemoteSeat.objects.filter(member=user, round_id=data["round"], table__page__in=cafes_of(unit.session))
        .select_related("table", "round")
        .first()
    )
    if seat is None:
        raise ProtocolError("not_found", gettext("Take a seat at a table for this round first."))
    pending = RemoteContribution.objects.create(
        session=unit.session, table=seat.table, round=seat.round, member=user, text=data["text"].strip()
    )
    pending = RemoteContribution.objects.select_related("table", "round", "member__profile").get(
        pk=pending.pk
    )
    log_for(unit, TableContribution(contribution=contribution_data(pending)), recipients(seat.table))
    return {"contribution_id": pending.pk, "table": seat.table.name, "round": seat.round.number}


def _sent_in_session(unit, user, contribution_id, forbidden):
    """The contribution sent in this session that this person may decide on, or ProtocolError
    (`forbidden` says who may, in the action's own words)."""
    pending = (
        RemoteContribution.objects.filter(pk=contribution_id, session=unit.session)
        .select_related("table__page", "round", "member")
        .first()
    )
    if pending is None:
        raise ProtocolError("not_found", gettext("That contribution was not sent in this session."))
    if not may_accept(user, pending.table):
        raise ProtocolError("forbidden", forbidden)
    return pending


# Accepting and declining ask for no session state: what was still waiting when the session
# ended is decided afterwards, by form post, through these same actions.


@register_action(
    "accept_contribution",
    doc="The table's host (or a facilitator) accepts what a remote seat sent into the harvest, once.",
    fields={"contribution": Field(int)},
    confirmation=_("Accepted into the harvest."),
)
def accept_contribution(unit, user, data):
    # The harvest's store is imported here: it brings the harvest views' forms with it.
    from .harvest import store_contribution

    pending = _sent_in_session(
        unit, user, data["contribution"], gettext("Only this table's host can accept what is sent to it.")
    )
    if pending.accepted_at is not None:
        # Accepted already (by this host, another tab or a facilitator): the harvest has it once.
        return {"contribution_id": pending.pk, "harvest_id": pending.accepted_as_id, "already_accepted": True}
    if pending.declined_at is not None:
        raise ProtocolError(
            "wrong_state",
            gettext("That contribution was declined, so it cannot be accepted into the harvest."),
        )
    contribution = store_contribution(
        pending.table.page,
        table=pending.table,
        round=pending.round,
        text=pending.text,
        recorded_by=user,
        source=ContributionSource.REMOTE,
        sent_by=pending.member,
        sent_at=pending.sent_at,
    )
    pending.accepted_as = contribution
    pending.accepted_at = contribution.recorded_at
    pending.save(update_fields=["accepted_as", "accepted_at"])
    accepted = ContributionAccepted(
        contribution_id=pending.pk,
        harvest_id=contribution.pk,
        table=pending.table.name,
        round=pending.round.number,
    )
    log_for(unit, accepted, {pending.member_id, *recipients(pending.table)})
    return {"contribution_id": pending.pk, "harvest_id": contribution.pk, "already_accepted": False}


@register_action(
    "decline_contribution",
    doc=(
        "The table's host (or a facilitator) declines what a remote seat sent: it stays out of the "
        "harvest, and its sender sees that, with the reason if one is given."
    ),
    fields={
        "contribution": Field(int),
        "reason": Field(str, required=False, max_length=DECLINE_REASON_LIMIT),
    },
    confirmation=_("Declined: it is not added to the harvest. The member who sent it can see that."),
)
def decline_contribution(unit, user, data):
    pending = _sent_in_session(
        unit, user, data["contribution"], gettext("Only this table's host can decline what is sent to it.")
    )
    if pending.declined_at is not None:
        # Declined already (another tab, a facilitator): the first decision and reason stand.
        return {"contribution_id": pending.pk, "already_declined": True}
    if pending.accepted_at is not None:
        raise ProtocolError(
            "wrong_state", gettext("That contribution is already in the harvest, so it cannot be declined.")
        )
    pending.declined_at = timezone.now()
    pending.declined_by = user
    pending.decline_reason = (data.get("reason") or "").strip()
    pending.save(update_fields=["declined_at", "declined_by", "decline_reason"])
    declined = ContributionDeclined(
        contribution_id=pending.pk,
        table=pending.table.name,
        round=pending.round.number,
        reason=pending.decline_reason,
    )
    log_for(unit, declined, {pending.member_id, *recipients(pending.table)})
    return {"contribution_id": pending.pk, "already_declined": False}
