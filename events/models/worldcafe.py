"""World Café: rounds with a question each, tables with hosts, the harvest and its themes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

# Themes per World Café: tagging one contribution sends one checkbox per theme, and a
# public form takes at most PUBLIC_FORM_MAX_FIELDS fields (docs/security.md).
MAX_THEMES = 40


class WorldCafePageForm(WagtailAdminPageForm):
    """The World Café editor: a round or table whose harvest has contributions cannot be removed,
    because the contributions' provenance depends on it."""

    def clean(self):
        cleaned_data = super().clean()
        for relation, field in (("rounds", "round"), ("tables", "table")):
            formset = self.formsets.get(relation)
            if formset is None:
                continue
            for form in formset.deleted_forms:
                if not form.instance.pk:
                    continue
                count = Contribution.objects.filter(**{field: form.instance}).count()
                if count:
                    self.add_error(
                        None,
                        _(
                            "“%(name)s” has %(count)s contributions in the harvest, so it cannot be "
                            "removed. Keep it, or change its wording instead."
                        )
                        % {"name": form.instance, "count": count},
                    )
        return cleaned_data


class WorldCafePage(RoutablePageMixin, Page):
    """A World Café held at an event: its rounds and questions, tables and hosts, instructions,
    and the harvest of what each table said, published once a facilitator says so.

    Members taking part online take remote seats at its tables through the event's live
    session (events/live_actions.py, events/remote_seats.py).
    """

    intro = models.TextField(max_length=1000, help_text=_("What the conversation is about, in plain words."))
    instructions = RichTextField(features=["bold", "link", "ul", "ol"])
    easy_read_instructions = models.TextField(
        _("easy read instructions"), max_length=2000, help_text=_("One short sentence per line.")
    )
    what_happens_next = RichTextField(_("what happens next"), features=["bold", "link", "ul"], blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("instructions"),
        FieldPanel("easy_read_instructions"),
        InlinePanel("rounds", heading=_("Rounds"), label=_("Round")),
        InlinePanel("tables", heading=_("Tables"), label=_("Table")),
        FieldPanel("what_happens_next"),
    ]
    base_form_class = WorldCafePageForm

    def ordered_rounds(self):
        return list(self.rounds.all().order_by("sort_order", "pk"))

    def ordered_tables(self):
        return list(self.tables.all().select_related("host").order_by("sort_order", "pk"))

    def harvest_is_published(self):
        return HarvestPublication.objects.filter(page=self).exists()

    def url_for(self, route_name, *args):
        return self.url + self.reverse_subpage(route_name, args=args)

    @path("", name="world_cafe")
    def cafe_route(self, request):
        from ..harvest import world_cafe

        return world_cafe(request, self)

    @path("harvest/", name="add_contribution")
    def harvest_route(self, request):
        from ..harvest import add_contribution

        return add_contribution(request, self)

    @path("themes/", name="themes")
    def themes_route(self, request):
        from ..harvest import themes

        return themes(request, self)

    @path("themes/tag/<int:contribution_id>/", name="tag_contribution")
    def tag_route(self, request, contribution_id):
        from ..harvest import tag_contribution

        return tag_contribution(request, self, contribution_id)

    @path("publish/", name="publish_harvest")
    def publish_route(self, request):
        from ..harvest import publish_harvest

        return publish_harvest(request, self)

    @path("seat/", name="remote_seat")
    def remote_seat_route(self, request):
        from ..remote_seats import remote_seat

        return remote_seat(request, self)

    @path("seat/send/", name="send_to_table")
    def send_to_table_route(self, request):
        from ..remote_seats import send_to_table

        return send_to_table(request, self)

    @path("remote/", name="remote_contributions")
    def remote_contributions_route(self, request):
        from ..remote_seats import remote_contributions

        return remote_contributions(request, self)

    @path("remote/decline/<int:contribution_id>/", name="decline_contribution")
    def decline_contribution_route(self, request, contribution_id):
        from ..remote_seats import decline_contribution

        return decline_contribution(request, self, contribution_id)

    @path("remote/note/", name="post_table_note")
    def post_table_note_route(self, request):
        from ..remote_seats import post_table_note

        return post_table_note(request, self)

    @path("remote/round/", name="run_round")
    def run_round_route(self, request):
        from ..remote_seats import run_round

        return run_round(request, self)

    @path("output/", name="harvest_output")
    def output_route(self, request):
        from ..harvest import harvest_output

        return harvest_output(request, self)

    @path("output/csv/", name="harvest_csv")
    def output_csv_route(self, request):
        from ..harvest import harvest_csv

        return harvest_csv(request, self)

    parent_page_types = ["events.EventPage"]
    subpage_types = []


class CafeRound(Orderable):
    """One round of conversation and the question every table discusses in it."""

    page = ParentalKey(WorldCafePage, on_delete=models.CASCADE, related_name="rounds")
    question = models.CharField(max_length=300)
    easy_read_question = models.CharField(_("easy read question"), max_length=300, blank=True)
    minutes = models.PositiveSmallIntegerField(default=20)

    panels = [FieldPanel("question"), FieldPanel("easy_read_question"), FieldPanel("minutes")]

    def __str__(self):
        return _("Round %(number)s: %(question)s") % {"number": self.number, "question": self.question}

    @property
    def number(self):
        return (self.sort_order or 0) + 1


class CafeTable(Orderable):
    """A table: its name and its host, who stays at it and records what it says."""

    page = ParentalKey(WorldCafePage, on_delete=models.CASCADE, related_name="tables")
    name = models.CharField(max_length=100)
    host = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hosted_tables",
        help_text=_("A facilitator, or a member you name as host. Hosts add their table's contributions."),
    )

    panels = [FieldPanel("name"), FieldPanel("host")]

    def __str__(self):
        return self.name


class ContributionSource(models.TextChoices):
    TABLE = "table", _("Recorded at the table")
    REMOTE = "remote", _("Sent from a remote seat")


class Contribution(models.Model):
    """What a table said in a round, as its host recorded it, with where it came from.

    The question is kept as it was asked, so an edit to the round later does not change
    what people answered. A photo of the table's paper needs a text alternative.
    """

    page = models.ForeignKey(WorldCafePage, on_delete=models.CASCADE, related_name="contributions")
    table = models.ForeignKey(CafeTable, on_delete=models.PROTECT, related_name="contributions")
    round = models.ForeignKey(CafeRound, on_delete=models.PROTECT, related_name="contributions")
    question = models.CharField(max_length=300)
    text = models.TextField(max_length=2000)
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    photo_alt_text = models.CharField(max_length=1000, blank=True)
    source = models.CharField(
        max_length=10, choices=ContributionSource.choices, default=ContributionSource.TABLE
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recorded_contributions",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # From a remote seat: who wrote it and when; `recorded_by` is then the host who accepted it.
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sent_contributions",
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    themes = models.ManyToManyField("events.CafeTheme", blank=True, related_name="contributions")

    class Meta:
        ordering = ["round__sort_order", "table__sort_order", "recorded_at", "pk"]
        permissions = [
            ("manage_harvest", "Can add to any table's harvest, tag themes and publish the harvest"),
        ]

    def __str__(self):
        return self.text[:60]


class RemoteSeat(models.Model):
    """A member taking part online sits at one table for one round, through the event's live session."""

    table = models.ForeignKey(CafeTable, on_delete=models.CASCADE, related_name="remote_seats")
    round = models.ForeignKey(CafeRound, on_delete=models.CASCADE, related_name="remote_seats")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="remote_seats"
    )
    taken_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "round"], name="one_remote_seat_per_round")]

    def __str__(self):
        return f"{self.member_id} at {self.table_id}, round {self.round_id}"


class RemoteContribution(models.Model):
    """What a member at a remote seat wrote for their table: pending until the table's host
    accepts it, when it becomes a `Contribution` of the harvest (`accepted_as`), once, or
    declines it, with a reason if they give one, which the member who sent it sees.

    A host can do either during the live session or after it has ended, so nothing sent is
    left waiting for ever; it is one or the other, never both.
    """

    session = models.ForeignKey("live.LiveSession", on_delete=models.CASCADE, related_name="+")
    table = models.ForeignKey(CafeTable, on_delete=models.CASCADE, related_name="remote_contributions")
    round = models.ForeignKey(CafeRound, on_delete=models.CASCADE, related_name="remote_contributions")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="remote_contributions"
    )
    text = models.TextField(max_length=2000)
    sent_at = models.DateTimeField(auto_now_add=True)
    accepted_as = models.OneToOneField(
        Contribution, null=True, blank=True, on_delete=models.SET_NULL, related_name="remote_original"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    declined_at = models.DateTimeField(null=True, blank=True)
    declined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Why it is not in the harvest, for the member who sent it; about their words, so it
    # goes with their account.
    decline_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["sent_at", "pk"]

    def __str__(self):
        return self.text[:60]

    @property
    def is_pending(self):
        return self.accepted_at is None and self.declined_at is None

    @property
    def is_declined(self):
        return self.declined_at is not None


class CafeTheme(models.Model):
    """A theme the facilitators found across the tables; contributions are tagged with it."""

    page = models.ForeignKey(WorldCafePage, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=200)
    description = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["page", "name"], name="theme_name_once_per_cafe")]

    def __str__(self):
        return self.name


class HarvestPublication(models.Model):
    """The harvest is public from when a facilitator publishes it. Kept apart from the page,
    so that publishing an older page revision cannot hide or show it."""

    page = models.OneToOneField(WorldCafePage, on_delete=models.CASCADE, related_name="publication")
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return f"Harvest of {self.page_id}, published"


class RoundTimer(models.Model):
    """A round as it runs in the room: when it started and when it ends, kept so that a member
    who joins late or reconnects sees the same question and time left as everyone else.

    One row each time a facilitator starts a round; the café's current round is its latest.
    """

    session = models.ForeignKey("live.LiveSession", on_delete=models.CASCADE, related_name="+")
    round = models.ForeignKey(CafeRound, on_delete=models.CASCADE, related_name="timers")
    started_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["started_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "round"],
                condition=models.Q(ended_at__isnull=True),
                name="one_running_timer_per_round",
            )
        ]

    def __str__(self):
        return f"Round {self.round_id} until {self.ends_at:%H:%M}"

    @property
    def is_running(self):
        return self.ended_at is None


class TableNote(models.Model):
    """A short note from a table's host to the members at its remote seats ("We're now on transport")."""

    session = models.ForeignKey("live.LiveSession", on_delete=models.CASCADE, related_name="+")
    table = models.ForeignKey(CafeTable, on_delete=models.CASCADE, related_name="notes")
    # The round running when the note was posted: it goes to the members seated at the table
    # for that round (to anyone seated at the table when no round had started).
    round = models.ForeignKey(CafeRound, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    text = models.CharField(max_length=300)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    posted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["posted_at", "pk"]

    def __str__(self):
        return self.text[:60]
