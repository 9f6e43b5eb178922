"""What happens in a live session, a row each: the event log, hands, written questions,
access signals, captions, processed actions and who is here."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .sessions import AgendaItem, LiveSession


class Audience(models.TextChoices):
    EVERYONE = "all", _("Everyone in the session")
    CHAIRS = "chairs", _("Chairs only")
    PERSON = "person", _("One person")


class LiveEvent(models.Model):
    """One thing that happened, in order: the log that reconnecting clients replay from."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="events")
    seq = models.BigIntegerField()
    type = models.CharField(max_length=40)
    payload = models.JSONField(default=dict)
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.EVERYONE)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["seq"]
        constraints = [models.UniqueConstraint(fields=["session", "seq"], name="live_one_event_per_seq")]

    def __str__(self):
        return f"{self.seq} {self.type}"


class HandState(models.TextChoices):
    RAISED = "raised", _("Waiting")
    FLOOR = "floor", _("Has the floor")
    LOWERED = "lowered", _("Lowered")


class RaisedHand(models.Model):
    """A member asking to speak. Their place is by when they raised it."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="hands")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    note = models.CharField(max_length=200, blank=True)
    state = models.CharField(max_length=10, choices=HandState.choices, default=HandState.RAISED)
    raised_at = models.DateTimeField(auto_now_add=True)
    lowered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["raised_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "member"],
                condition=~Q(state="lowered"),
                name="live_one_hand_up_per_member",
            )
        ]

    def __str__(self):
        return f"Hand {self.pk} ({self.state})"


class QuestionStatus(models.TextChoices):
    NEW = "new", _("Not read yet")
    READ_OUT = "read_out", _("Read out")
    ANSWERED = "answered", _("Answered")


class WrittenQuestion(models.Model):
    """A question or comment written to the chair instead of spoken."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="written_questions")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=1000)
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.NEW)
    publish = models.BooleanField(default=False, help_text=_("Shown on the session record."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:50]


class SignalKind(models.TextChoices):
    SLOW_DOWN = "slow_down", _("Please slow down")
    BREAK = "break", _("I need a break")
    CANT_HEAR = "cant_hear", _("I can't hear or see")
    REPEAT = "repeat", _("Please repeat that")


class AccessSignal(models.Model):
    """An access signal to the chair. Counted; never shown with a name to anyone."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="signals")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=SignalKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    reset_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "member", "kind"],
                condition=Q(reset_at__isnull=True),
                name="live_one_active_signal_per_kind",
            )
        ]

    def __str__(self):
        return self.kind


class CaptionLine(models.Model):
    """One line of live captions, typed or pasted by a captioner."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="captions")
    captioner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:50]


class ProcessedAction(models.Model):
    """An action already carried out, by its client-chosen id: a retry gets the same answer."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    action_id = models.CharField(max_length=64)
    result = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "member", "action_id"], name="live_one_result_per_action"
            )
        ]

    def __str__(self):
        return self.action_id


class Presence(models.Model):
    """One open connection; the count of people here comes from these rows."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="presences")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel_name = models.CharField(max_length=200, unique=True)
    last_seen = models.DateTimeField()
    # Where in the session the connection is, as its host names it ("item:12"); blank: anywhere.
    place = models.CharField(max_length=100, blank=True, default="")

    def __str__(self):
        return self.channel_name
