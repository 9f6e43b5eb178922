"""Registrations for events: a place or a waiting-list position, with the access the person needs."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .access import requirement_labels


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


class Registration(models.Model):
    """A member's registration for one event.

    Access requirements are health information: only the member, and organisers holding
    `events.view_access_requirements`, may see them (others see the counts only).
    `position` is the order of arrival within the event, given under a lock on the event,
    and orders the waiting list.
    """

    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="registrations")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(max_length=12, choices=RegistrationStatus.choices)
    position = models.PositiveIntegerField()
    attendance_mode = models.CharField(
        _("how you will take part"), max_length=10, choices=AttendanceMode.choices
    )
    access_requirements = models.JSONField(default=list, blank=True)
    other_access_requirements = models.TextField(max_length=1000, blank=True)
    dietary_needs = models.TextField(max_length=500, blank=True)
    brings_supporter = models.BooleanField(default=False)
    contact_consent = models.BooleanField(default=False)
    lived_experience = models.BooleanField(default=False)
    attended = models.BooleanField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    promoted_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # When the confirmation email went; empty while it has not (sending failed, or the
    # registration was made without one), so the confirmation page never claims it went.
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "member"],
                condition=~Q(status="cancelled"),
                name="one_active_registration_per_member",
            ),
            models.UniqueConstraint(fields=["event", "position"], name="one_position_per_registration"),
        ]
        permissions = [
            ("manage_attendees", "Can see attendee lists and access summaries, and mark attendance"),
            ("view_access_requirements", "Can view access requirements"),
        ]

    def __str__(self):
        return f"Registration {self.pk} for {self.event_id}"

    @property
    def has_place(self):
        return self.status == RegistrationStatus.REGISTERED

    def requirement_labels(self):
        return requirement_labels(self.access_requirements)

    def waitlist_number(self):
        """1 for the first person waiting, and so on; None for anyone not waiting."""
        if self.status != RegistrationStatus.WAITLISTED:
            return None
        if hasattr(self, "_waitlist_number"):
            return self._waitlist_number
        return (
            Registration.objects.filter(
                event_id=self.event_id, status=RegistrationStatus.WAITLISTED, position__lt=self.position
            ).count()
            + 1
        )
