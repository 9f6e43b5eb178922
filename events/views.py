"""The event page, its calendar file and the events feed. Routed from the page models."""

from django.http import HttpResponse

from . import services
from .calendar import event_calendar, feed_calendar
from .models import RegistrationStatus
from .rendering import render_subpage, site_url


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
