"""iCalendar files: one event (with its joining link for people who have a place) and the feed.

Times are written in Europe/London with the zone's rules included, so calendars show the
right hour on either side of a clock change.
"""

import zoneinfo

from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

LONDON = zoneinfo.ZoneInfo("Europe/London")
PRODUCT_ID = "-//Co-production platform//Events//EN"


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    return calendar


def _location(event):
    if event.venue_id:
        place = f"{event.venue.name}, {' '.join(event.venue.address.split())}"
        return f"{place} and online" if event.is_online else place
    return "Online"


def event_component(event, site_url, joining_link=""):
    """One VEVENT. `joining_link` is given only for a person who has a place."""
    page_url = site_url + event.url
    component = CalendarEvent()
    component.add("uid", f"event-{event.pk}@coproduction")
    component.add("dtstamp", timezone.now())
    component.add("dtstart", event.starts_at.astimezone(LONDON))
    component.add("dtend", event.ends_at.astimezone(LONDON))
    component.add("summary", event.title)
    component.add("location", _location(event))
    component.add("url", page_url)
    lines = [event.summary, "", f"More about the event, its access and agenda: {page_url}"]
    if joining_link:
        lines += ["", f"Join online: {joining_link}"]
        if event.joining_instructions:
            lines.append(event.joining_instructions)
    component.add("description", "\n".join(lines))
    return component


def event_calendar(event, site_url, registration=None):
    """The .ics for one event; the joining link only goes to someone with a place."""
    calendar = _calendar(event.title)
    link = (
        event.joining_link if registration is not None and registration.has_place and event.is_online else ""
    )
    calendar.add_component(event_component(event, site_url, joining_link=link))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_calendar(name, events, site_url):
    """Every event in one subscribable calendar; it carries no joining links."""
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(event_component(event, site_url))
    calendar.add_missing_timezones()
    return calendar.to_ical()
