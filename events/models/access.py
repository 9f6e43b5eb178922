"""The access an event provides, and what a person may ask for when they register."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessRequirement(models.TextChoices):
    """Something a person needs to take part; an event says which of these it provides."""

    BSL = "bsl", _("British Sign Language (BSL) interpreter")
    CAPTIONS = "captions", _("Live captions")
    EASY_READ = "easy_read", _("Easy read papers")
    LARGE_PRINT = "large_print", _("Large print papers")
    BREAKS = "breaks", _("Regular breaks")
    QUIET_ROOM = "quiet_room", _("A quiet room")
    STEP_FREE = "step_free", _("Step-free access")
    HEARING_LOOP = "hearing_loop", _("A hearing loop")


# How the summary for organisers names each need: "3 need a BSL interpreter".
NEED_IN_WORDS = {
    AccessRequirement.BSL: _("a BSL interpreter"),
    AccessRequirement.CAPTIONS: _("live captions"),
    AccessRequirement.EASY_READ: _("easy read papers"),
    AccessRequirement.LARGE_PRINT: _("large print papers"),
    AccessRequirement.BREAKS: _("regular breaks"),
    AccessRequirement.QUIET_ROOM: _("a quiet room"),
    AccessRequirement.STEP_FREE: _("step-free access"),
    AccessRequirement.HEARING_LOOP: _("a hearing loop"),
}

# A free place for a Personal Assistant or supporter is provided (or not) beside the above.
SUPPORTER_PLACE = "supporter_place"
PROVISION_CHOICES = [
    *AccessRequirement.choices,
    (SUPPORTER_PLACE, _("A free place for a Personal Assistant or supporter")),
]

# The profile's communication needs that are also access requirements at an event, so a
# registration starts from what the member already told us, and can be saved back.
PROFILE_NEEDS = {
    "bsl": AccessRequirement.BSL,
    "easy_read": AccessRequirement.EASY_READ,
    "large_print": AccessRequirement.LARGE_PRINT,
}


def requirements_from_profile(profile):
    """The access requirements a member's profile already implies."""
    if profile is None:
        return []
    return [PROFILE_NEEDS[need].value for need in profile.communication_needs if need in PROFILE_NEEDS]


def needs_for_profile(current_needs, requirements):
    """The profile's communication needs after saving an event's requirements back to it.

    Needs that have no event counterpart (such as audio) are kept as they were.
    """
    kept = [need for need in current_needs if need not in PROFILE_NEEDS]
    chosen = [need for need, requirement in PROFILE_NEEDS.items() if requirement.value in requirements]
    return kept + chosen


def requirement_labels(values):
    labels = dict(AccessRequirement.choices)
    return [labels[value] for value in values if value in labels]
