from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pages import Meeting, ReflectionDocumentPage


class Audience(models.TextChoices):
    GROUP = "group", _("The group itself")
    LEADERSHIP = "leadership", _("The leadership team")
    PROJECT = "project", _("A named project")


class ActionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    AGREED = "agreed", _("Agreed")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    NOT_DOING = "not_doing", _("Not doing")


# An action still to finish: overdue once its due date has passed.
OPEN_STATUSES = [ActionStatus.PROPOSED, ActionStatus.AGREED, ActionStatus.IN_PROGRESS]


class Item(models.Model):
    """One thing people said ("you said"), where it came from, the outcome wanted and for whom.

    `version` goes up by one at every saved change; a save made from an older version is
    merged against it (reflections/merge.py), never written over it.
    """

    document = models.ForeignKey(ReflectionDocumentPage, on_delete=models.CASCADE, related_name="items")
    you_said = models.TextField(_("you said"), max_length=2000)
    attribution = models.CharField(
        _("who said it (optional)"),
        max_length=200,
        blank=True,
        help_text=_("Leave blank to keep it anonymous."),
    )
    said_on = models.DateField(_("date it was said"), default=timezone.localdate)
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source_id = models.PositiveIntegerField(null=True, blank=True)
    outcome_wanted = models.TextField(_("outcome wanted"), max_length=2000, blank=True)
    outcome_for = models.CharField(_("who it will be better for"), max_length=200, blank=True)
    audience = models.CharField(
        _("who it is for"), max_length=20, choices=Audience.choices, default=Audience.GROUP
    )
    project = models.CharField(_("project"), max_length=200, blank=True)
    published = models.BooleanField(_("show on the published document"), default=False)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    # The fields people edit, in the order forms and history show them.
    EDITABLE = [
        "you_said",
        "attribution",
        "said_on",
        "meeting",
        "outcome_wanted",
        "outcome_for",
        "audience",
        "project",
        "published",
    ]

    class Meta:
        ordering = ["said_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(version__gte=1), name="item_version_from_1"),
        ]

    def __str__(self):
        return self.you_said[:80]

    def get_absolute_url(self):
        return self.document.url_for("item", self.pk)

    def status(self):
        """The item's status at a glance, from its actions."""
        statuses = [action.status for action in self.actions.all()]
        if not statuses:
            return "no_action"
        if all(s in (ActionStatus.DONE, ActionStatus.NOT_DOING) for s in statuses):
            return ActionStatus.DONE if ActionStatus.DONE in statuses else ActionStatus.NOT_DOING
        if any(s == ActionStatus.IN_PROGRESS for s in statuses):
            return ActionStatus.IN_PROGRESS
        if any(s == ActionStatus.AGREED for s in statuses):
            return ActionStatus.AGREED
        return ActionStatus.PROPOSED


class Action(models.Model):
    """What was done or will be done about an item ("we did / we will"), by whom and when.

    "Not doing" needs a reason: people are owed an honest answer.
    """

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="actions")
    text = models.TextField(_("what we did or will do"), max_length=2000)
    owner = models.CharField(_("owner"), max_length=200)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PROPOSED
    )
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    review_date = models.DateField(_("review date"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    EDITABLE = ["text", "owner", "due_date", "status", "reason", "review_date"]

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="not_doing") | ~Q(reason=""), name="not_doing_needs_a_reason"
            ),
        ]

    def __str__(self):
        return self.text[:80]

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.status in OPEN_STATUSES and self.due_date is not None and self.due_date < today


class Change(models.Model):
    """One saved version of an item or of one of its actions: who, when, what changed, before and after.

    `state` is every editable field after the change, so any version can be shown,
    merged against or restored.
    """

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="changes")
    action = models.ForeignKey(
        Action, null=True, blank=True, on_delete=models.CASCADE, related_name="changes"
    )
    version = models.PositiveIntegerField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    fields = models.JSONField(default=list)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    state = models.JSONField(default=dict)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "version"],
                condition=Q(action__isnull=True),
                name="one_change_per_item_version",
            ),
            models.UniqueConstraint(
                fields=["action", "version"],
                condition=Q(action__isnull=False),
                name="one_change_per_action_version",
            ),
        ]

    def __str__(self):
        return f"Version {self.version} of {'an action' if self.action_id else 'an item'}"


class Comment(models.Model):
    """A comment in the group's discussion of an item."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(max_length=2000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:80]


class Follow(models.Model):
    """A member who wants to hear when an item's actions change."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="follows")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="follow_once")]

    def __str__(self):
        return f"{self.member} follows {self.item}"


class Notification(models.Model):
    """A message on a member's notifications page (and by email) about an item they follow or raised."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflection_notifications"
    )
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+")
    message = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.message
