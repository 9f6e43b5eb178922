"""What consultations add to a live session's agenda: the question an item is about."""

from django.core.exceptions import ValidationError
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

    def clean(self):
        # An item of a session held on one consultation's page is about that consultation.
        if self.agenda_item_id and self.question_id:
            host_id = self.agenda_item.session.host_id
            if self.question.page_id != host_id:
                raise ValidationError(
                    {
                        "question": _(
                            "Choose a question of the page this session is held on: "
                            "\u201c%(session)s\u201d is not on this question's consultation."
                        )
                        % {"session": self.agenda_item.session}
                    }
                )
