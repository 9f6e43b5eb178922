"""Registering, changing and cancelling, under a lock on the event, and the emails they send.

Every change to who has a place takes the event's row lock first, so that places are
given in order of arrival however many people press "Register" at once, and a
cancellation gives its place to the first person waiting.
"""

import logging

from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coproduction.live import membership
from coproduction.live.models import LiveSession, SessionState

from .calendar import event_calendar
from .models import EventPage, Registration, RegistrationStatus

logger = logging.getLogger(__name__)


class RegistrationRefused(Exception):
    """Registration is not possible; the message says why, in words for the person."""


# What a registration form gives, and the registration stores.
DETAIL_FIELDS = (
    "attendance_mode",
    "access_requirements",
    "other_access_requirements",
    "dietary_needs",
    "brings_supporter",
    "contact_consent",
    "lived_experience",
)


def _locked_event(event_id):
    """The event, its row locked until the transaction ends (PostgreSQL; SQLite's
    IMMEDIATE transactions already take the write lock)."""
    return EventPage.objects.select_for_update().get(pk=event_id)


def active_registration(event, member):
    """The member's registration for the event that is not cancelled, or None."""
    if not member.is_authenticated:
        return None
    return (
        Registration.objects.filter(event=event, member=member)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )


def refusal(event, now=None):
    """Why nobody can register now, or None while registration is open."""
    now = now or timezone.now()
    if event.has_ended(now):
        return _("This event has finished, so you cannot register for it.")
    if not event.registration_is_open(now):
        return _("Registration closed on %(date)s.") % {"date": event.deadline_in_words()}
    return None


def recheck_live_sessions(event, member_ids):
    """After commit, these people's sockets in the event's open live sessions check again:
    a cancelled registration (or a change to taking part in person) closes them."""
    sessions = LiveSession.objects.filter(host_id=event.pk).exclude(state=SessionState.ENDED)
    membership.recheck(sessions.values_list("pk", flat=True), member_ids)


def register(event, member, details, site_url=""):
    """A place for the member, or the next place on the waiting list if the event is full."""
    with transaction.atomic():
        event = _locked_event(event.pk)
        reason = refusal(event)
        if reason:
            raise RegistrationRefused(reason)
        if active_registration(event, member):
            raise RegistrationRefused(_("You are already registered for this event."))
        # Anyone already waiting gets a free place before a newcomer can take it.
        promoted = fill_places(event)
        announce_promotions(promoted, site_url)
        taken = Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count()
        last = Registration.objects.filter(event=event).aggregate(last=Max("position"))["last"] or 0
        registration = Registration.objects.create(
            event=event,
            member=member,
            status=RegistrationStatus.REGISTERED if taken < event.capacity else RegistrationStatus.WAITLISTED,
            position=last + 1,
            **{name: details[name] for name in DETAIL_FIELDS if name in details},
        )
        transaction.on_commit(lambda: send_confirmation(registration, site_url))
    return registration


def change(registration, details):
    """Save the member's new answers; their place or position stays as it was."""
    with transaction.atomic():
        _locked_event(registration.event_id)
        registration.refresh_from_db()
        if registration.status == RegistrationStatus.CANCELLED:
            raise RegistrationRefused(
                _("This registration was cancelled. Register again if you want to come.")
            )
        if registration.event.has_ended():
            raise RegistrationRefused(_("This event has finished, so your registration cannot change."))
        for name in DETAIL_FIELDS:
            if name in details:
                setattr(registration, name, details[name])
        registration.save()
        recheck_live_sessions(registration.event, [registration.member_id])
    return registration


def cancel(registration, site_url=""):
    """Cancel; a place given up goes to the first person waiting, who is told by email."""
    with transaction.atomic():
        event = _locked_event(registration.event_id)
        registration.refresh_from_db()
        if registration.status == RegistrationStatus.CANCELLED:
            return []
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at", "updated_at"])
        promoted = fill_places(event)
        recheck_live_sessions(event, [registration.member_id])
        announce_promotions(promoted, site_url)
    return promoted


def capacity_changed(event, site_url=""):
    """After an organiser publishes the event: if it now has more places, the people
    waiting get them in order of arrival and are told by email."""
    with transaction.atomic():
        event = _locked_event(event.pk)
        promoted = fill_places(event)
        announce_promotions(promoted, site_url)
    return promoted


def announce_promotions(promoted, site_url=""):
    """Email each promoted person once the promotion is committed (call inside the transaction)."""
    for person in promoted:
        transaction.on_commit(lambda person=person: send_promotion(person, site_url))


def fill_places(event):
    """Give the free places to the people waiting, first come first served (call under the lock)."""
    taken = Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count()
    free = max(event.capacity - taken, 0)
    if free == 0 or event.has_ended():
        return []
    waiting = list(
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITLISTED).order_by("position")[
            :free
        ]
    )
    now = timezone.now()
    for person in waiting:
        person.status = RegistrationStatus.REGISTERED
        person.promoted_at = now
        person.save(update_fields=["status", "promoted_at", "updated_at"])
    return waiting


# Emails ------------------------------------------------------------------------------


def _email(registration, template, subject, site_url):
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "event_url": site_url + event.url,
        "my_events_url": site_url + reverse("events:my_events"),
        "member": registration.member,
    }
    message = EmailMessage(
        subject, render_to_string(f"events/email/{template}.txt", context), None, [registration.member.email]
    )
    if registration.has_place:
        calendar = event_calendar(event, site_url, registration=registration)
        message.attach(f"{event.slug}.ics", calendar, "text/calendar")
    message.send()


def _send_safely(registration, template, subject, site_url):
    """The registration is already saved: a mail failure is logged for the organisers to
    follow up (by registration id only), and never undoes or hides the person's place.
    Returns whether the email went."""
    try:
        _email(registration, template, subject, site_url)
    except Exception:
        logger.exception("Could not send the %s email for registration %s", template, registration.pk)
        return False
    return True


def send_confirmation(registration, site_url=""):
    """Email the place or the waiting-list number; note when it went, for the confirmation page."""
    if registration.has_place:
        subject = _("You are registered: %(title)s") % {"title": registration.event.title}
        sent = _send_safely(registration, "registered", subject, site_url)
    else:
        subject = _("You are on the waiting list: %(title)s") % {"title": registration.event.title}
        sent = _send_safely(registration, "waitlisted", subject, site_url)
    if sent:
        registration.confirmation_sent_at = timezone.now()
        Registration.objects.filter(pk=registration.pk).update(
            confirmation_sent_at=registration.confirmation_sent_at
        )


def send_promotion(registration, site_url=""):
    subject = _("A place is free for you: %(title)s") % {"title": registration.event.title}
    _send_safely(registration, "promoted", subject, site_url)
