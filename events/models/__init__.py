from .access import AccessRequirement
from .pages import EventAgendaItem, EventFormat, EventIndexPage, EventPage
from .registrations import AttendanceMode, Registration, RegistrationStatus
from .venues import Topic, Venue, VenuePhoto
from .worldcafe import (
    CafeRound,
    CafeTable,
    CafeTheme,
    Contribution,
    ContributionSource,
    HarvestPublication,
    RemoteContribution,
    RemoteSeat,
    RoundTimer,
    TableNote,
    WorldCafePage,
)

__all__ = [
    "AccessRequirement",
    "AttendanceMode",
    "CafeRound",
    "CafeTable",
    "CafeTheme",
    "Contribution",
    "ContributionSource",
    "EventAgendaItem",
    "EventFormat",
    "EventIndexPage",
    "EventPage",
    "HarvestPublication",
    "Registration",
    "RemoteContribution",
    "RemoteSeat",
    "RegistrationStatus",
    "RoundTimer",
    "TableNote",
    "Topic",
    "Venue",
    "VenuePhoto",
    "WorldCafePage",
]
