from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from coproduction.live.hosts import LiveHostMixin
from home.blocks import BaseContentBlock
from home.dates import datetime_in_words

from ..blocks import EasyReadBlock
from .boards import Board
from .questions import Question


class Status(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    REPORTED_BACK = "reported", _("Reported back")


STATUS_FILTERS = [(s.value, s.label) for s in Status]


class ConsultationIndexPage(Page):
    """Lists consultations, filtered by status and by board."""

    intro = RichTextField(features=["bold", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    def get_consultations(self, status=None, board=None):
        """The published consultations under this page, latest closing first.

        `status` (a Status value) and `board` (a board's slug) narrow the list; a status
        that is not one of ours is ignored, a board nobody has matches nothing.
        """
        pages = list(
            ConsultationPage.objects.child_of(self)
            .live()
            .public()
            .select_related("board")
            .order_by("-closes_at")
        )
        if status in Status.values:
            pages = [p for p in pages if p.status() == status]
        if board:
            pages = [p for p in pages if p.board.slug == board]
        return pages

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        status = request.GET.get("status", "")
        board = request.GET.get("board", "")
        context.update(
            {
                "consultations": self.get_consultations(status=status, board=board),
                "status_filters": STATUS_FILTERS,
                "boards": Board.objects.all(),
                "chosen_status": status,
                "chosen_board": board,
            }
        )
        return context

    subpage_types = ["consultations.ConsultationPage"]


class ConsultationPage(LiveHostMixin, Page):
    """A board's question to the public: background, questions, results and "we did".

    The status comes from the dates and the report-back time; it is never stored.
    """

    board = models.ForeignKey("consultations.Board", on_delete=models.PROTECT, related_name="consultations")
    summary = models.TextField(
        max_length=1000,
        help_text=_(
            "A few plain sentences: what the board is asking and why. Also read aloud as the audio version."
        ),
    )
    background = StreamField(BaseContentBlock(), blank=True)
    opens_at = models.DateTimeField(help_text=_("UK time."))
    closes_at = models.DateTimeField(help_text=_("UK time."))
    who_is_asking = RichTextField(_("who is asking and why"), features=["bold", "link", "ul"])
    what_happens_next = RichTextField(_("what will happen with the answers"), features=["bold", "link", "ul"])
    contact_details = models.TextField(
        blank=True, help_text=_("Leave blank to use the board's contact details.")
    )
    easy_read = StreamField(EasyReadBlock(), blank=True, verbose_name=_("easy read version"))
    audio_file = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("audio version (uploaded)"),
        help_text=_("An MP3, OGG or WAV recording of the summary. Or generate one from the summary."),
    )
    allow_anonymous = models.BooleanField(
        _("accept answers from people who are not signed in"), default=False
    )
    results_published = models.BooleanField(
        _("show results to everyone"),
        default=False,
        help_text=_("Board editors always see live counts."),
    )
    you_said = RichTextField(_("what people said"), features=["bold", "link", "ul"], blank=True)
    we_did = RichTextField(_("what the board decided and why"), features=["bold", "link", "ul"], blank=True)
    reported_back_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the \u201cwe did\u201d was published.")
    )

    content_panels = Page.content_panels + [
        FieldPanel("board"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("opens_at"), FieldPanel("closes_at")], heading=_("Dates")),
        FieldPanel("background"),
        FieldPanel("who_is_asking"),
        FieldPanel("what_happens_next"),
        FieldPanel("contact_details"),
        FieldPanel("easy_read"),
        FieldPanel("audio_file"),
        InlinePanel("questions", heading=_("Questions"), label=_("Question")),
        MultiFieldPanel(
            [FieldPanel("allow_anonymous"), FieldPanel("results_published")], heading=_("Answers and results")
        ),
        MultiFieldPanel(
            [FieldPanel("you_said"), FieldPanel("we_did"), FieldPanel("reported_back_at")],
            heading=_("We asked, you said, we did"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("background"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
    ]

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The closing time must be after the opening time.")})

    def status(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return Status.UPCOMING
        if now < self.closes_at:
            return Status.OPEN
        if self.reported_back_at and self.reported_back_at <= now and self.we_did:
            return Status.REPORTED_BACK
        return Status.CLOSED

    def status_label(self):
        return Status(self.status()).label

    def is_open(self, now=None):
        return self.status(now) == Status.OPEN

    def opens_in_words(self):
        return datetime_in_words(self.opens_at)

    def closes_in_words(self):
        return datetime_in_words(self.closes_at)

    def dates_in_words(self):
        status = self.status()
        if status == Status.UPCOMING:
            return _("Opens on %(date)s") % {"date": self.opens_in_words()}
        if status == Status.OPEN:
            return _("Closes on %(date)s") % {"date": self.closes_in_words()}
        return _("Closed on %(date)s") % {"date": self.closes_in_words()}

    def contact(self):
        return self.contact_details or "\n".join(
            filter(None, [self.board.contact_email, self.board.contact_phone])
        )

    def with_content_json(self, content):
        """The page as a revision has it, keeping the quick polls typed in live sessions.

        Editors never wrote those questions, so no revision made before them holds them:
        publishing or reverting to such a revision would delete them and leave their votes
        counting for no question. They stay, whatever revision is published.
        """
        page = super().with_content_json(content)
        if self.pk:
            in_revision = {question.pk for question in page.questions.all() if question.pk}
            quick_polls = [
                question
                for question in Question.objects.filter(page_id=self.pk, live_quick_poll=True)
                if question.pk not in in_revision
            ]
            if quick_polls:
                page.questions = [*page.questions.all(), *quick_polls]
        return page

    def ordered_questions(self):
        questions = self.questions.all()
        if isinstance(questions, models.QuerySet):
            questions = questions.prefetch_related("choices")
        # In a preview the questions are unsaved objects held in memory, with no pk yet.
        return sorted(questions, key=lambda q: (q.sort_order or 0, q.pk or 0))

    preview_modes = [("", _("Consultation page")), ("questions", _("Questions"))]

    def serve_preview(self, request, mode_name):
        """Editors preview the questions as people will see them, before publishing."""
        if mode_name == "questions":
            from django.template.response import TemplateResponse

            from ..forms import AnswerForm

            forms = [
                AnswerForm(question, prefix=f"q{number}")
                for number, question in enumerate(self.ordered_questions(), start=1)
            ]
            return TemplateResponse(
                request, "consultations/questions_preview.html", {"page": self, "forms": forms}
            )
        return super().serve_preview(request, mode_name)

    # Routes under the page: the answering journey, results, formats, analysis (the live
    # session routes come from LiveHostMixin). The views
    # import the models, so each route imports its view when a request comes in.
    @path("", name="consultation_page")
    def consultation(self, request):
        from ..views import consultation_page

        return consultation_page(request, self)

    @path("answer/", name="start_answering")
    def answer_start(self, request):
        from ..answering import start_answering

        return start_answering(request, self)

    @path("answer/<int:number>/", name="answer_question")
    def answer_question(self, request, number):
        from ..answering import answer_question

        return answer_question(request, self, number)

    @path("answer/check/", name="check_answers")
    def answer_check(self, request):
        from ..answering import check_answers

        return check_answers(request, self)

    @path("answer/done/", name="answers_sent")
    def answer_done(self, request):
        from ..answering import answers_sent

        return answers_sent(request, self)

    @path("answer/saved/", name="answers_saved")
    def answer_saved(self, request):
        from ..answering import answers_saved

        return answers_saved(request, self)

    @path("answer-for/", name="answer_for")
    def answer_for(self, request):
        from ..answering import answer_for

        return answer_for(request, self)

    @path("answer-for/stop/", name="stop_answering_for")
    def answer_for_stop(self, request):
        from ..answering import stop_answering_for

        return stop_answering_for(request, self)

    @path("results/", name="results")
    def results_view(self, request):
        from ..views import results

        return results(request, self)

    @path("other-formats/", name="other_formats")
    def other_formats(self, request):
        from ..views import other_formats

        return other_formats(request, self)

    @path("analysis/", name="analysis")
    def analysis(self, request):
        from ..analysis import analysis

        return analysis(request, self)

    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = []


class AudioStatus(models.TextChoices):
    PENDING = "pending", _("Being made")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class AudioVersion(models.Model):
    """A spoken version of a consultation's summary, made on the server with espeak-ng.

    Kept apart from the page so that publishing an older revision cannot lose it.
    """

    page = models.OneToOneField(ConsultationPage, on_delete=models.CASCADE, related_name="audio_version")
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    transcript = models.TextField(help_text=_("The text the audio was made from."))
    status = models.CharField(max_length=10, choices=AudioStatus.choices, default=AudioStatus.PENDING)
    error = models.TextField(blank=True)
    requested_at = models.DateTimeField(auto_now_add=True)
    generated_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Audio version of {self.page.title}"


class FormatChoice(models.TextChoices):
    LARGE_PRINT = "large_print", _("Large print")
    EASY_READ = "easy_read", _("Easy read on paper")
    AUDIO = "audio", _("Audio (CD or file)")
    BSL = "bsl", _("British Sign Language video")
    LANGUAGE = "language", _("Another language")
    BRAILLE = "braille", _("Braille")


class FormatRequest(models.Model):
    """Someone asked for a consultation in another format. It may reveal health information."""

    page = models.ForeignKey(ConsultationPage, on_delete=models.CASCADE, related_name="format_requests")
    name = models.CharField(max_length=100)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    postal_address = models.TextField(max_length=500, blank=True)
    format = models.CharField(max_length=20, choices=FormatChoice.choices)
    language = models.CharField(max_length=100, blank=True)
    details = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_format_display()} for {self.page.title}"
