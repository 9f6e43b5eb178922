"""The home page, standard content pages, and the organisation's site settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseContentBlock
from .sections import home_sections


class HomePage(Page):
    """The front page: an introduction, then the sections the apps contribute.

    Each app adds its section through a hook (home/sections.py); a section appears only
    when it has something in it.
    """

    intro = RichTextField(features=["bold", "link", "ul"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    def sections(self, request=None):
        """The sections to show, in order, without the empty ones."""
        return home_sections(self, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.sections(request)
        return context

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]


class StandardPage(Page):
    """A page of text, pictures, documents and videos: about us, accessibility statement."""

    summary = models.CharField(
        max_length=300, blank=True, help_text=_("One or two sentences shown in lists and search.")
    )
    body = StreamField(BaseContentBlock(), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    """Who runs this site and how to reach them: shown in the header and footer."""

    name = models.CharField(max_length=200, default="Co-production platform")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    text_phone = models.CharField(
        max_length=40, blank=True, help_text=_("A number for text messages, or Relay UK.")
    )
    address = models.TextField(blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    logo_alt_text = models.CharField(
        max_length=200, blank=True, help_text=_("Required with a logo: what the logo says.")
    )
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page."),
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("email"), FieldPanel("phone"), FieldPanel("text_phone"), FieldPanel("address")],
            heading=_("Contact details"),
        ),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt_text")], heading=_("Logo")),
        FieldPanel("accessibility_statement"),
    ]

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.logo_id and not self.logo_alt_text.strip():
            raise ValidationError({"logo_alt_text": _("Give the logo a text alternative.")})
