"""The event page, its calendar file and the events feed. Routed from the page models."""

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from . import services
from .calendar import event_calendar, feed_calendar
from .models import AttendanceMode, RegistrationStatus
from .rendering import render_subpage, site_url


def live_sessions_for(page, user, registration):
    """The event's live sessions, each with whether this person may join and, if not, why.

    Only online and hybrid events have them; the reason is the one the person can act on.
    """
    if not page.is_online:
        return []
    if registration is None or not registration.has_place:
        reason = _("Register to take part online.")
    elif registration.attendance_mode != AttendanceMode.ONLINE:
        reason = _("Your place is in person, so you take part in the room, not in the live session.")
    else:
        reason = _("You cannot join this live session. Ask the organisers if you think you should.")
    sessions = []
    for session in page.live_sessions.all():
        may_join = user.is_authenticated and session.may_join(user)
        sessions.append({"session": session, "may_join": may_join, "reason": None if may_join else reason})
    return sessions


def event_page(request, page):
    """The event: when, where, the agenda, access, payment and how to register."""
    registration = services.active_registration(page, request.user)
    return render_subpage(
        request,
        page,
        "events/event_page.html",
        {
            "registration": registration,
            "has_place": registration is not None and registration.status == RegistrationStatus.REGISTERED,
            "refusal": services.refusal(page),
            "places_left": page.places_left(),
            "world_cafes": page.get_children().live().public().specific(),
            "can_manage": request.user.has_perm("events.manage_attendees"),
            "live_sessions": live_sessions_for(page, request.user, registration),
        },
    )


def _calendar_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def event_ics(request, page):
    """ "Add to my calendar": with the joining link only for a person who has a place."""
    registration = services.active_registration(page, request.user)
    response = _calendar_response(event_calendar(page, site_url(request), registration), f"{page.slug}.ics")
    if registration is not None:
        # It may hold a private joining link: no shared cache may keep it.
        response["Cache-Control"] = "private, no-store"
    return response


def calendar_feed(request, index):
    """Every published event under the index, upcoming and past, for calendar apps to subscribe to."""
    from .models import EventPage

    events = EventPage.objects.child_of(index).live().public().select_related("venue").order_by("starts_at")
    response = HttpResponse(
        feed_calendar(index.title, events, site_url(request)), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{index.slug}.ics"'
    return response
