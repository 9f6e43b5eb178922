"""Live sessions: members take part remotely in a meeting hosted by any page.

The engine knows no consultation, event or poll: a session belongs to a Wagtail page whose
type mixes in `coproduction.live.hosts.LiveHostMixin`, and apps that want more (such as a
question tied to an agenda item) keep it in their own models.

All state lives here; the channel layer only carries notifications. Every change
also writes a `LiveEvent` with the session's next sequence number, so a client that
reconnects can be sent exactly what it missed.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from ..hosts import HostPanel, can_host


class SessionState(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    LIVE = "live", _("Live")
    PAUSED = "paused", _("On a break")
    ENDED = "ended", _("Ended")


class WhoMayJoin(models.TextChoices):
    SIGNED_IN = "signed_in", _("Anyone signed in")
    INVITED = "invited", _("Only invited members")
    GROUP = "group", _("Members of a named group")


class LiveSession(ClusterableModel):
    """A live, accessible session of a board or group, hosted by one page."""

    host = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="live_sessions",
        help_text=_("The page people open the session from: a consultation, an event, ..."),
    )
    title = models.CharField(max_length=200)
    scheduled_start = models.DateTimeField(help_text=_("UK time."))
    scheduled_end = models.DateTimeField(help_text=_("UK time."))
    who_may_join = models.CharField(max_length=10, choices=WhoMayJoin.choices, default=WhoMayJoin.SIGNED_IN)
    invited = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    group = models.ForeignKey(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chairs = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="chairing")
    captioners = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="captioning")
    bsl_video_url = models.URLField(
        _("BSL interpreter video link"), blank=True, help_text=_("Opens in the person's own browser tab.")
    )
    show_names = models.BooleanField(
        _("show who is here"), default=False, help_text=_("Otherwise members only see how many are here.")
    )
    decisions = models.TextField(_("what was decided"), blank=True)
    record_public = models.BooleanField(
        _("who may read the record once the session has ended"),
        null=True,
        blank=True,
        default=None,
        choices=[
            (
                None,
                _(
                    "Decide from who may join: everyone for \u201cAnyone signed in\u201d sessions, "
                    "otherwise only the people who may join"
                ),
            ),
            (True, _("Everyone, signed in or not")),
            (False, _("Only the people who may join the session")),
        ],
        help_text=_(
            "While the session has not ended, only the people who may join can read its record "
            "and download its transcript."
        ),
    )

    # Live state: changed only through the engine's actions (coproduction/live/services.py).
    state = models.CharField(max_length=10, choices=SessionState.choices, default=SessionState.SCHEDULED)
    current_item = models.ForeignKey(
        "live.AgendaItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    announcement = models.CharField(max_length=500, blank=True)
    last_seq = models.BigIntegerField(default=0)
    # Hands raised and lowered are told at most twice a second (handlers.queue_changed): when
    # the queue was last logged, and whether a change since waits for the next flush.
    queue_logged_at = models.DateTimeField(null=True, blank=True)
    queue_dirty = models.BooleanField(default=False)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    panels = [
        HostPanel("host"),
        FieldPanel("title"),
        MultiFieldPanel([FieldPanel("scheduled_start"), FieldPanel("scheduled_end")], heading=_("When")),
        MultiFieldPanel(
            [
                FieldPanel("who_may_join"),
                FieldPanel("invited"),
                FieldPanel("group"),
                FieldPanel("show_names"),
                FieldPanel("record_public", widget=forms.RadioSelect),
            ],
            heading=_("Who may join"),
        ),
        FieldPanel("chairs"),
        FieldPanel("captioners"),
        FieldPanel("bsl_video_url"),
        InlinePanel("agenda_items", label=_("Agenda item")),
        FieldPanel("decisions"),
    ]

    class Meta:
        ordering = ["scheduled_start"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.host_id is not None and not can_host(self.host.specific_class):
            raise ValidationError({"host": _("Choose a page that can hold live sessions.")})

    def start_in_words(self):
        from home.dates import datetime_in_words

        return datetime_in_words(self.scheduled_start)

    def is_chair(self, user):
        return user.is_authenticated and self.chairs.filter(pk=user.pk).exists()

    def is_captioner(self, user):
        return user.is_authenticated and self.captioners.filter(pk=user.pk).exists()

    def may_join(self, user, is_chair=None, is_captioner=None):
        """Checked when a connection opens and again on every action (`is_chair` and
        `is_captioner` if the caller already knows them, saving their queries)."""
        if not user.is_authenticated or not user.is_active:
            return False
        if is_chair is None:
            is_chair, is_captioner = self.is_chair(user), self.is_captioner(user)
        if is_chair or is_captioner:
            return True
        # The host page may narrow who comes in (an event: people with a place online).
        # specific_deferred reads the page type without loading the page's own row.
        host = self.host.specific_deferred
        if can_host(type(host)) and not host.live_may_join(self, user):
            return False
        if self.who_may_join == WhoMayJoin.SIGNED_IN:
            return True
        if self.who_may_join == WhoMayJoin.INVITED:
            return self.invited.filter(pk=user.pk).exists()
        return self.group_id is not None and user.groups.filter(pk=self.group_id).exists()

    def place_allowed(self, user, place):
        """Whether the host lets this person say they are at `place` in the session."""
        host = self.host.specific_deferred
        return can_host(type(host)) and host.live_place_allowed(self, user, place)

    def record_is_public(self):
        """Whether the record is open to everyone once the session has ended.

        Unless the session says otherwise, only sessions open to anyone signed in have a
        public record: an invited or group session was private, so its record stays private.
        """
        if self.record_public is None:
            return self.who_may_join == WhoMayJoin.SIGNED_IN
        return self.record_public

    def may_read_record(self, user):
        """The record and the transcript: the people who may join, and everyone once a
        public session has ended."""
        if self.state == SessionState.ENDED and self.record_is_public():
            return True
        return self.may_join(user)

    def ordered_agenda(self):
        return list(self.agenda_items.order_by("sort_order", "pk"))


class AgendaItem(Orderable):
    """One item on a live session's agenda. Apps tie their own things to it in their own models."""

    session = ParentalKey(LiveSession, on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    panels = [FieldPanel("title"), FieldPanel("description")]

    def __str__(self):
        return self.title
