"""Events as Wagtail pages: the list of events and one event with its agenda and access."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from coproduction.live.hosts import LiveHostMixin
from home.dates import datetime_in_words, time_in_words

from .access import PROVISION_CHOICES, SUPPORTER_PLACE


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid (in person and online)")


class When(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    PAST = "past", _("Past")


class EventIndexPage(RoutablePageMixin, Page):
    """The list of events, upcoming or past, filtered by format and topic, and their calendar feed."""

    intro = RichTextField(features=["bold", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    def get_events(self, when=When.UPCOMING, event_format="", topic=""):
        """Published events under this page: upcoming soonest first, or past latest first.

        A format that is not one of ours is ignored; a topic nobody has matches nothing.
        """
        now = timezone.now()
        pages = EventPage.objects.child_of(self).live().public().select_related("venue")
        if when == When.PAST:
            pages = pages.filter(ends_at__lte=now).order_by("-starts_at")
        else:
            pages = pages.filter(ends_at__gt=now).order_by("starts_at")
        if event_format in EventFormat.values:
            pages = pages.filter(event_format=event_format)
        if topic:
            pages = pages.filter(topics__slug=topic)
        return pages.prefetch_related("topics")

    def get_context(self, request, *args, **kwargs):
        from .venues import Topic

        context = super().get_context(request, *args, **kwargs)
        when = request.GET.get("when", "")
        when = when if when in When.values else When.UPCOMING
        event_format = request.GET.get("format", "")
        topic = request.GET.get("topic", "")
        context.update(
            {
                "events": self.get_events(when, event_format, topic),
                "when_choices": When.choices,
                "format_choices": EventFormat.choices,
                "topics": Topic.objects.all(),
                "chosen_when": when,
                "chosen_format": event_format,
                "chosen_topic": topic,
            }
        )
        return context

    def url_for(self, route_name, *args):
        return self.url + self.reverse_subpage(route_name, args=args)

    @path("calendar/", name="calendar_feed")
    def calendar_feed(self, request):
        from ..views import calendar_feed

        return calendar_feed(request, self)

    subpage_types = ["events.EventPage"]


class EventPageForm(WagtailAdminPageForm):
    """The event editor: the access provided as a list of checkboxes."""

    access_provided = forms.MultipleChoiceField(
        label=_("access provided"),
        choices=PROVISION_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class EventPage(LiveHostMixin, Page):
    """An event: when and where, who it is for, the agenda, the access provided and registration.

    Times are entered and shown in UK time (Europe/London). An online or hybrid event can
    host live sessions, which the people with a place online join (`live_may_join`).
    """

    summary = models.TextField(max_length=1000, help_text=_("A few plain sentences: what the event is for."))
    easy_read_summary = models.TextField(
        _("easy read summary"), max_length=2000, blank=True, help_text=_("One short sentence per line.")
    )
    starts_at = models.DateTimeField(help_text=_("UK time."))
    ends_at = models.DateTimeField(help_text=_("UK time."))
    event_format = models.CharField(_("format"), max_length=10, choices=EventFormat.choices)
    venue = models.ForeignKey(
        "events.Venue", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    topics = ParentalManyToManyField("events.Topic", blank=True, related_name="events")
    who_it_is_for = models.TextField(_("who it is for"), max_length=1000)
    description = RichTextField(features=["bold", "link", "ul", "ol", "h2", "h3"], blank=True)
    facilitators = models.TextField(
        max_length=1000,
        blank=True,
        help_text=_("Who will run the event, one person per line, with their role."),
    )
    access_provided = models.JSONField(_("access provided"), default=list, blank=True)
    access_notes = models.TextField(
        _("more about access"), max_length=2000, blank=True, help_text=_("Anything else people should know.")
    )
    pays_participants = models.BooleanField(_("pays lived-experience participants"), default=False)
    payment_rate = models.CharField(
        _("payment rate"), max_length=200, blank=True, help_text=_("For example: £40 for the afternoon.")
    )
    payment_amount = models.DecimalField(
        _("payment per person (£)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("The amount owed to each participant who attends, for the payments export."),
    )
    how_to_claim = models.TextField(_("how to claim"), max_length=1000, blank=True)
    capacity = models.PositiveIntegerField(
        help_text=_("Places for people registering. A Personal Assistant or supporter does not take a place.")
    )
    registration_deadline = models.DateTimeField(help_text=_("UK time. Registration closes then."))
    joining_link = models.URLField(
        _("link to join online"),
        blank=True,
        help_text=_("Only people with a place see it, on the event page and in their calendar file."),
    )
    joining_instructions = models.TextField(max_length=1000, blank=True)
    contact_email = models.EmailField(help_text=_("Where questions about the event go."))
    consultation = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("related consultation"),
        help_text=_("Optional: a consultation this event is part of."),
    )

    base_form_class = EventPageForm
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("easy_read_summary"),
        MultiFieldPanel(
            [FieldPanel("starts_at"), FieldPanel("ends_at"), FieldPanel("event_format")],
            heading=_("When and how"),
        ),
        FieldPanel("venue"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("who_it_is_for"),
        FieldPanel("description"),
        FieldPanel("facilitators"),
        InlinePanel("agenda_items", heading=_("Agenda"), label=_("Agenda item")),
        MultiFieldPanel([FieldPanel("access_provided"), FieldPanel("access_notes")], heading=_("Access")),
        MultiFieldPanel(
            [
                FieldPanel("pays_participants"),
                FieldPanel("payment_rate"),
                FieldPanel("payment_amount"),
                FieldPanel("how_to_claim"),
            ],
            heading=_("Payment for lived-experience participants"),
        ),
        MultiFieldPanel(
            [FieldPanel("capacity"), FieldPanel("registration_deadline")], heading=_("Registration")
        ),
        MultiFieldPanel(
            [FieldPanel("joining_link"), FieldPanel("joining_instructions")], heading=_("Joining online")
        ),
        FieldPanel("contact_email"),
        PageChooserPanel("consultation"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("who_it_is_for"),
        index.FilterField("starts_at"),
        index.FilterField("event_format"),
    ]

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The end must be after the start.")
        if self.registration_deadline and self.ends_at and self.registration_deadline > self.ends_at:
            errors["registration_deadline"] = _("Registration must close before the event ends.")
        if self.event_format == EventFormat.IN_PERSON and self.venue_id is None:
            errors["venue"] = _("Choose the venue of an in-person event.")
        if errors:
            raise ValidationError(errors)

    # When --------------------------------------------------------------------------

    def has_ended(self, now=None):
        return (now or timezone.now()) >= self.ends_at

    def registration_is_open(self, now=None):
        now = now or timezone.now()
        return now < self.registration_deadline and now < self.ends_at

    def when_in_words(self):
        """Thursday 4 March 2027, 10am to 1pm (UK time); an event over several days names both."""
        start, end = timezone.localtime(self.starts_at), timezone.localtime(self.ends_at)
        if start.date() == end.date():
            return f"{datetime_in_words(start)} to {time_in_words(end)}"
        return f"{datetime_in_words(start)} to {datetime_in_words(end)}"

    def deadline_in_words(self):
        return datetime_in_words(self.registration_deadline)

    @property
    def is_online(self):
        return self.event_format in (EventFormat.ONLINE, EventFormat.HYBRID)

    @property
    def is_in_person(self):
        return self.event_format in (EventFormat.IN_PERSON, EventFormat.HYBRID)

    # Access and payment ----------------------------------------------------------------

    def provisions(self):
        labels = dict(PROVISION_CHOICES)
        return [labels[value] for value in self.access_provided if value in labels]

    def provides_supporter_place(self):
        return SUPPORTER_PLACE in self.access_provided

    def ordered_agenda(self):
        items = self.agenda_items.all()
        return sorted(items, key=lambda item: (item.starts_at, item.sort_order or 0))

    def places_left(self):
        from .registrations import RegistrationStatus

        taken = self.registrations.filter(status=RegistrationStatus.REGISTERED).count()
        return max(self.capacity - taken, 0)

    # Live sessions -----------------------------------------------------------------

    def live_may_join(self, session, user):
        """A live session of an event is for the people with a place who take part online:
        someone waiting, cancelled or coming in person follows the event in the room. The
        hosts of its World Café tables and the facilitators of the harvest come in too, to
        receive what remote seats send to their tables."""
        from .registrations import AttendanceMode, RegistrationStatus
        from .worldcafe import CafeTable, WorldCafePage

        if not self.is_online:
            return False
        has_place_online = self.registrations.filter(
            member_id=user.pk, status=RegistrationStatus.REGISTERED, attendance_mode=AttendanceMode.ONLINE
        ).exists()
        if has_place_online or user.has_perm("events.manage_harvest"):
            return True
        return CafeTable.objects.filter(
            host_id=user.pk, page__in=WorldCafePage.objects.child_of(self)
        ).exists()

    # Routes: each imports its view when a request comes in, so the models load no views.
    @path("", name="event_page")
    def event_route(self, request):
        from ..views import event_page

        return event_page(request, self)

    @path("register/", name="register")
    def register_route(self, request):
        from ..registering import register

        return register(request, self)

    @path("registered/", name="registered")
    def registered_route(self, request):
        from ..registering import registered

        return registered(request, self)

    @path("cancel/", name="cancel_registration")
    def cancel_route(self, request):
        from ..registering import cancel

        return cancel(request, self)

    @path("calendar/", name="event_ics")
    def ics_route(self, request):
        from ..views import event_ics

        return event_ics(request, self)

    @path("attendees/", name="attendees")
    def attendees_route(self, request):
        from ..organising import attendees

        return attendees(request, self)

    @path("attendees/access/", name="access_details")
    def access_details_route(self, request):
        from ..organising import access_details

        return access_details(request, self)

    @path("attendees/csv/", name="attendees_csv")
    def attendees_csv_route(self, request):
        from ..organising import attendees_csv

        return attendees_csv(request, self)

    @path("attendance/", name="mark_attendance")
    def attendance_route(self, request):
        from ..organising import mark_attendance

        return mark_attendance(request, self)

    @path("payments/csv/", name="payments_csv")
    def payments_route(self, request):
        from ..organising import payments_csv

        return payments_csv(request, self)

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = ["events.WorldCafePage"]


class EventAgendaItem(Orderable):
    """One timed item of an event's agenda; a break is shown as a break."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="agenda_items")
    starts_at = models.TimeField(help_text=_("UK time."))
    ends_at = models.TimeField(help_text=_("UK time."))
    title = models.CharField(max_length=200)
    is_break = models.BooleanField(_("this is a break"), default=False)
    description = models.TextField(max_length=500, blank=True)

    panels = [
        FieldPanel("starts_at"),
        FieldPanel("ends_at"),
        FieldPanel("title"),
        FieldPanel("is_break"),
        FieldPanel("description"),
    ]

    def times_in_words(self):
        day = timezone.localdate()
        as_moment = [
            timezone.make_aware(timezone.datetime.combine(day, moment))
            for moment in (self.starts_at, self.ends_at)
        ]
        return f"{time_in_words(as_moment[0])} to {time_in_words(as_moment[1])}"

    def minutes(self):
        day = timezone.localdate()
        start = timezone.datetime.combine(day, self.starts_at)
        end = timezone.datetime.combine(day, self.ends_at)
        return int((end - start) / timedelta(minutes=1))
