"""Live polls: a consultation question put to the people in a live session, vote by vote.

The engine knows nothing of questions, so the poll is kept here. A vote is a normal
answer to the question (`Answer` with `cast_live`), so it counts in the consultation's
results beside the answers given afterwards on the consultation page.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PollState(models.TextChoices):
    OPEN = "open", _("Open for votes")
    PAUSED = "paused", _("Paused")
    CLOSED = "closed", _("Closed")


class LivePoll(models.Model):
    """One question put to a live session; only the chair opens, pauses, resumes and closes it.

    At most one poll of a session is open or paused at a time. Results are coalesced: the
    counts are logged at most twice a second (`results_logged_at`, `results_dirty`).
    """

    session = models.ForeignKey(
        "live.LiveSession", on_delete=models.CASCADE, related_name="consultation_polls"
    )
    question = models.ForeignKey(
        "consultations.Question", on_delete=models.CASCADE, related_name="live_polls"
    )
    state = models.CharField(max_length=10, choices=PollState.choices, default=PollState.OPEN)
    results_shown = models.BooleanField(_("members see the results while it is open"), default=False)
    results_published = models.BooleanField(_("results shown to everyone once closed"), default=False)
    more_time_given = models.PositiveSmallIntegerField(default=0)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    results_logged_at = models.DateTimeField(null=True, blank=True)
    results_dirty = models.BooleanField(default=False)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session"], condition=~Q(state="closed"), name="one_running_poll_per_session"
            )
        ]

    def __str__(self):
        return f"Live poll: {self.question}"

    @property
    def is_open(self):
        return self.state == PollState.OPEN

    @property
    def results_visible_to_members(self):
        return self.results_shown or (self.state == PollState.CLOSED and self.results_published)
