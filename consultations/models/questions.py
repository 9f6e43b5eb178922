from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

DEFAULT_RATING_LABELS = "Very poor\nPoor\nNeither good nor poor\nGood\nVery good"
# More choices than this are hard to take in, and the public form-field cap
# (PUBLIC_FORM_MAX_FIELDS) is sized to it.
MAX_CHOICES_PER_QUESTION = 40


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    RATING = "rating", _("Rating scale (1 to 5)")
    RANKING = "ranking", _("Ranking")
    TEXT = "text", _("Free text")


class Question(ClusterableModel, Orderable):
    """One question in a consultation: the "poll" of the classic polls app."""

    page = ParentalKey("consultations.ConsultationPage", on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(max_length=10, choices=QuestionKind.choices, default=QuestionKind.SINGLE)
    text = models.CharField(max_length=300)
    easy_read_text = models.CharField(_("easy read wording"), max_length=300, blank=True)
    hint = models.CharField(max_length=300, blank=True)
    required = models.BooleanField(default=True)
    allow_other = models.BooleanField(
        _("offer \u201cother, please say\u201d"),
        default=False,
        help_text=_("Multiple choice only: adds a free text box for another answer."),
    )
    max_length = models.PositiveIntegerField(
        _("maximum characters"), default=1000, help_text=_("Free text only.")
    )
    live_quick_poll = models.BooleanField(
        _("quick poll typed in a live session"),
        default=False,
        help_text=_("Made by the chair during a live session; never required on the consultation page."),
    )
    rating_labels = models.TextField(
        default=DEFAULT_RATING_LABELS,
        help_text=_("Rating scale only: five labels, one per line, from 1 to 5."),
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("text"),
        FieldPanel("easy_read_text"),
        FieldPanel("hint"),
        FieldPanel("required"),
        MultiFieldPanel(
            [FieldPanel("allow_other"), FieldPanel("max_length"), FieldPanel("rating_labels")],
            heading=_("Options for some kinds"),
        ),
        InlinePanel(
            "choices",
            label=_("Choices (single, multiple and ranking questions)"),
            max_num=MAX_CHOICES_PER_QUESTION,
        ),
    ]

    def __str__(self):
        return self.text

    @property
    def has_choices(self):
        from ..kinds import kind_for

        return kind_for(self).has_choices

    def rating_scale(self):
        """[(1, "Very poor"), ..., (5, "Very good")]."""
        labels = [line.strip() for line in self.rating_labels.splitlines() if line.strip()]
        return list(enumerate(labels[:5], start=1))

    def wording(self, easy_read=False):
        return self.easy_read_text if easy_read and self.easy_read_text else self.text

    def clean(self):
        super().clean()
        # The kinds import the models, so they are looked up when a question is checked.
        from ..kinds import check_question

        check_question(self)


class Choice(Orderable):
    """One answer a person can choose."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=200)
    easy_read_text = models.CharField(_("easy read wording"), max_length=200, blank=True)

    panels = [FieldPanel("text"), FieldPanel("easy_read_text")]

    def __str__(self):
        return self.text

    def wording(self, easy_read=False):
        return self.easy_read_text if easy_read and self.easy_read_text else self.text
