from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet


@register_snippet
class Board(index.Indexed, models.Model):
    """A public board (e.g. a Health and Wellbeing Board) that runs consultations."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    remit = models.TextField(help_text=_("What the board decides, in plain English."))
    membership = models.TextField(_("who sits on it"), blank=True)
    contact_email = models.EmailField(help_text=_("Requests for other formats go here."))
    contact_phone = models.CharField(max_length=40, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("remit"),
        FieldPanel("membership"),
        FieldPanel("contact_email"),
        FieldPanel("contact_phone"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("remit")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
