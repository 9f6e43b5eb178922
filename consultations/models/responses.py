from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ResponseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class ResponseChannel(models.TextChoices):
    ONLINE = "online", _("Online")
    PHONE = "phone", _("By phone")
    PAPER = "paper", _("On paper")
    EVENT = "event", _("At an event")
    BSL = "bsl", _("In British Sign Language")


class Response(models.Model):
    """One person's response to one consultation (the "vote" of the polls app).

    The database allows one per member per consultation, and one per browser token
    where anonymous answers are on.
    """

    consultation = models.ForeignKey(
        "consultations.ConsultationPage", on_delete=models.CASCADE, related_name="responses"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_responses",
    )
    browser_token = models.CharField(max_length=64, null=True, blank=True)
    status = models.CharField(max_length=10, choices=ResponseStatus.choices, default=ResponseStatus.DRAFT)
    channel = models.CharField(max_length=10, choices=ResponseChannel.choices, default=ResponseChannel.ONLINE)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who typed it in, when it was not the person themselves."),
    )
    consent_recorded = models.BooleanField(
        default=False,
        help_text=_("For a supported response: the person agreed to it being entered for them."),
    )
    publish_consent = models.BooleanField(_("you may publish my words"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    last_submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "member"],
                condition=Q(member__isnull=False),
                name="one_response_per_member",
            ),
            models.UniqueConstraint(
                fields=["consultation", "browser_token"],
                condition=Q(browser_token__isnull=False),
                name="one_response_per_browser",
            ),
        ]
        permissions = [
            ("view_live_results", "Can see results while a consultation is open"),
            ("export_responses", "Can export responses"),
            ("enter_supported_response", "Can enter a response on someone's behalf"),
            ("moderate_answers", "Can moderate and theme free-text answers"),
            ("view_respondent_identity", "Can see who gave each response"),
        ]

    def __str__(self):
        return f"Response {self.pk} to {self.consultation_id}"

    @property
    def is_submitted(self):
        return self.status == ResponseStatus.SUBMITTED

    def current_answers(self):
        return self.answers.filter(is_current=True)

    def sent_answers(self):
        return self.answers.filter(is_sent=True)

    def has_unsent_changes(self):
        """True if what the person would send differs from what they last sent."""
        if not self.is_submitted:
            return False
        current = set(self.current_answers().values_list("pk", flat=True))
        return current != set(self.sent_answers().values_list("pk", flat=True))


class Answer(models.Model):
    """One answer to one question. A change adds a new current answer and keeps the old.

    The current answer is what the person sees and would send; the sent answer is the one
    they last sent, and only that one counts in results and exports. They differ while a
    change is saved but not yet sent.
    """

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(
        "consultations.Question", null=True, on_delete=models.SET_NULL, related_name="answers"
    )
    question_text = models.CharField(max_length=300, help_text=_("The question as it was asked."))
    is_current = models.BooleanField(default=True)
    is_sent = models.BooleanField(
        default=False,
        help_text=_("The answer the person last sent: it counts in results and exports."),
    )
    cast_live = models.BooleanField(
        default=False,
        help_text=_("Sent as a vote in a live poll; it counts the same as any other answer."),
    )
    text = models.TextField(blank=True)
    other_text = models.TextField(blank=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"],
                condition=Q(is_current=True),
                name="one_current_answer",
            ),
            models.UniqueConstraint(
                fields=["response", "question"],
                condition=Q(is_sent=True),
                name="one_sent_answer",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="rating_1_to_5"
            ),
        ]

    def __str__(self):
        return f"Answer to {self.question_text}"

    def chosen(self):
        return [s.choice_text for s in self.selections.all()]


class AnswerChoice(models.Model):
    """A choice picked in an answer; for ranking, with its position (1 is first)."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="selections")
    choice = models.ForeignKey("consultations.Choice", null=True, on_delete=models.SET_NULL, related_name="+")
    choice_text = models.CharField(max_length=200)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["rank", "pk"]
        # However a request is made, one answer holds a choice once and a position once.
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "choice"], condition=Q(choice__isnull=False), name="choice_once_per_answer"
            ),
            models.UniqueConstraint(
                fields=["answer", "rank"], condition=Q(rank__isnull=False), name="rank_once_per_answer"
            ),
        ]

    def __str__(self):
        return self.choice_text


class ModerationStatus(models.TextChoices):
    PENDING = "pending", _("Not yet moderated")
    APPROVED = "approved", _("Approved for publication")
    HIDDEN = "hidden", _("Not for publication")


class Moderation(models.Model):
    """A moderator's decision on publishing a free-text answer, with any redaction."""

    answer = models.OneToOneField(Answer, on_delete=models.CASCADE, related_name="moderation")
    status = models.CharField(
        max_length=10, choices=ModerationStatus.choices, default=ModerationStatus.PENDING
    )
    published_text = models.TextField(blank=True, help_text=_("The words as published, with names removed."))
    redaction_reason = models.CharField(max_length=300, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.get_status_display()}: answer {self.answer_id}"


# Enough to sort any one consultation's answers; the moderation form ticks themes, and the
# public form-field cap (PUBLIC_FORM_MAX_FIELDS) is sized to this many.
MAX_THEMES_PER_CONSULTATION = 40


class Theme(models.Model):
    """A theme board staff found in the free-text answers (the analysis step).

    A theme can later be the source of an item in a reflection document.
    """

    consultation = models.ForeignKey(
        "consultations.ConsultationPage", on_delete=models.CASCADE, related_name="themes"
    )
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    answers = models.ManyToManyField(Answer, blank=True, related_name="themes")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["consultation", "name"], name="unique_theme_name")]

    def __str__(self):
        return self.name
