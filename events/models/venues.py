"""Where events happen: a venue described for people who need to plan their journey and stay."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index


class Venue(index.Indexed, ClusterableModel):
    """A place events are held, with the access facts people ask before they decide to come."""

    name = models.CharField(max_length=200, unique=True)
    address = models.TextField(max_length=500)
    directions = models.TextField(
        _("directions in words"),
        max_length=2000,
        help_text=_("How to get there and find the way in, step by step, without relying on a map."),
    )
    step_free_route = models.TextField(
        _("step-free route"),
        max_length=1000,
        blank=True,
        help_text=_(
            "The route without steps from the street or car park to the room. Blank if there is none."
        ),
    )
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    changing_places_toilet = models.BooleanField(_("Changing Places toilet"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    quiet_room = models.TextField(
        _("quiet room"), max_length=500, blank=True, help_text=_("Where it is. Blank if there is none.")
    )
    seating = models.TextField(
        max_length=500, blank=True, help_text=_("Chairs with arms, space for wheelchairs.")
    )
    lighting_and_noise = models.TextField(_("lighting and noise"), max_length=500, blank=True)
    parking = models.TextField(max_length=500, blank=True, help_text=_("Blue Badge spaces, drop-off point."))
    nearest_transport = models.TextField(
        _("nearest accessible transport"),
        max_length=500,
        blank=True,
        help_text=_("Step-free stations, bus stops."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("directions"),
        MultiFieldPanel(
            [
                FieldPanel("step_free_route"),
                FieldPanel("accessible_toilet"),
                FieldPanel("changing_places_toilet"),
                FieldPanel("hearing_loop"),
                FieldPanel("quiet_room"),
                FieldPanel("seating"),
                FieldPanel("lighting_and_noise"),
            ],
            heading=_("Access"),
        ),
        MultiFieldPanel([FieldPanel("parking"), FieldPanel("nearest_transport")], heading=_("Getting there")),
        InlinePanel("photos", heading=_("Photos"), label=_("Photo")),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("address")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def facilities(self):
        """The yes-or-no facilities it has, in words."""
        facts = [
            (self.accessible_toilet, _("Accessible toilet")),
            (self.changing_places_toilet, _("Changing Places toilet")),
            (self.hearing_loop, _("Hearing loop")),
        ]
        return [label for present, label in facts if present]


class VenuePhoto(Orderable):
    """A photo of the venue (the entrance, the room); it cannot be saved without alt text."""

    venue = ParentalKey(Venue, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        help_text=_("Say what the photo shows, for people who cannot see it."),
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text")]

    def clean(self):
        super().clean()
        if not (self.alt_text or "").strip():
            raise ValidationError({"alt_text": _("Say what the photo shows.")})


class Topic(models.Model):
    """What an event is about, for filtering the list of events (e.g. transport, housing)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
