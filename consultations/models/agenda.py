"""What consultations add to a live session's agenda: the question an item is about."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class AgendaQuestion(models.Model):
    """Ties one agenda item of a live session to one question (poll) of a consultation.

    The live engine knows nothing of questions, so the link is kept here.
    """

    agenda_item = models.OneToOneField(
        "live.AgendaItem", on_delete=models.CASCADE, related_name="consultation_question"
    )
    question = models.ForeignKey(
        "consultations.Question",
        on_delete=models.CASCADE,
        related_name="agenda_items",
        help_text=_("A question (poll) of the consultation discussed in this item."),
    )

    panels = [FieldPanel("agenda_item"), FieldPanel("question")]

    class Meta:
        verbose_name = _("agenda question")

    def __str__(self):
        return f"{self.agenda_item} \u2013 {self.question}"
