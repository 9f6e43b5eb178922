"""Demo consultations from the fictional Castlebridge Health and Wellbeing Board."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from coproduction.members.models import Profile, User

from .models import (
    Answer,
    AnswerChoice,
    Board,
    Choice,
    ConsultationIndexPage,
    ConsultationPage,
    Moderation,
    Question,
    Response,
    ResponseChannel,
    ResponseStatus,
    Theme,
)
from .models.responses import ModerationStatus

LONDON = ZoneInfo("Europe/London")

BOARD = {
    "name": "Castlebridge Health and Wellbeing Board",
    "slug": "castlebridge-hwb",
    "remit": (
        "Plans health and care services for the people of Castlebridge with the council, the NHS "
        "and the voluntary sector, and decides the city's Joint Health and Wellbeing Strategy."
    ),
    "membership": (
        "Four councillors, the Director of Adult Social Care, the Director of Public Health, two "
        "leaders from Castlebridge NHS Trust, Healthwatch Castlebridge, and two places for the "
        "voluntary sector, one of them held by Castlebridge Centre for Independent Living."
    ),
    "contact_email": "hwb@castlebridge-council.example",
    "contact_phone": "0161 496 0215",
}


def _friday_5pm(weeks_ahead):
    day = timezone.localdate() + timedelta(weeks=weeks_ahead)
    day += timedelta(days=(4 - day.weekday()) % 7)
    return datetime.combine(day, time(17, 0), tzinfo=LONDON)


OPEN_QUESTIONS = [
    {
        "kind": "single",
        "text": "How would you most like to take part in Board meetings?",
        "easy_read_text": "How do you want to join Board meetings?",
        "choices": [
            ("In person, at the Town Hall", "Go to the Town Hall"),
            ("Online, from home", "Join on a computer or phone at home"),
            ("Hybrid: some people in the room, some online", "Some people in the room, some at home"),
            ("By sending written or recorded views before the meeting", "Send my views before the meeting"),
        ],
    },
    {
        "kind": "multiple",
        "allow_other": True,
        "required": False,
        "text": "What would help you take part?",
        "easy_read_text": "What would help you?",
        "choices": [
            ("Live captions", ""),
            ("A British Sign Language interpreter", "A BSL interpreter"),
            ("Papers in easy read a week before", "Easy read papers a week before"),
            ("A break at least every 45 minutes", "Breaks"),
            ("Travel costs paid", ""),
            ("Being paid for my time", ""),
        ],
    },
    {
        "kind": "rating",
        "text": "How well does the Board listen to disabled people now?",
        "easy_read_text": "Does the Board listen to disabled people?",
    },
    {
        "kind": "ranking",
        "text": "Put these in order of how much they matter to you",
        "easy_read_text": "Which matters most to you?",
        "choices": [
            ("Hearing back about what changed", "Being told what changed"),
            ("Meetings at times that suit me", "Good meeting times"),
            ("Papers I can read", "Papers I can read"),
            ("Being able to ask questions", "Asking questions"),
        ],
    },
    {
        "kind": "text",
        "required": False,
        "max_length": 1000,
        "text": "Is there anything else the Board should know?",
        "easy_read_text": "Anything else you want to tell the Board?",
    },
]

CLOSED_QUESTIONS = [
    {
        "kind": "single",
        "text": "How do you usually get to health appointments?",
        "choices": [
            ("Bus or tram", ""),
            ("Patient transport", ""),
            ("Taxi", ""),
            ("Lift from family or a friend", ""),
            ("I drive", ""),
        ],
    },
    {"kind": "rating", "text": "How easy is it to get to your GP surgery?"},
    {"kind": "text", "required": False, "text": "What would make getting to appointments easier?"},
]

# (name, transport choice, GP rating, what they wrote, agreed to publish, channel)
CLOSED_RESPONSES = [
    (
        "Marcia Thompson",
        0,
        2,
        "The 42 bus is meant to be accessible but the ramp is broken half the time.",
        True,
        ResponseChannel.ONLINE,
    ),
    (
        "Bilal Qureshi",
        1,
        1,
        "Patient transport said I was not eligible because I can walk a short way. "
        "I can, but not to the bus stop and back.",
        True,
        ResponseChannel.PHONE,
    ),
    (
        "Grace Adeyemi",
        2,
        3,
        "Taxis cost me \u00a318 each way to the hospital. I have had to cancel appointments.",
        True,
        ResponseChannel.ONLINE,
    ),
    ("Stanley Kowalczyk", 3, 4, "", False, ResponseChannel.PAPER),
    (
        "Fatima Hussain",
        1,
        2,
        "Patient transport picks me up three hours early and I wait all day. "
        "My carer Jean has to take the day off.",
        True,
        ResponseChannel.ONLINE,
    ),
    (
        "Owen Price",
        0,
        2,
        "Buses stop at 7pm on my route, so evening clinics are impossible.",
        True,
        ResponseChannel.EVENT,
    ),
    ("Lin Zhao", 4, 5, "", False, ResponseChannel.ONLINE),
    (
        "Niamh Doyle",
        2,
        1,
        "I would like to be able to book a taxi through the hospital and not pay up front.",
        False,
        ResponseChannel.BSL,
    ),
    ("Ade Okoro", 0, 3, "Bus drivers do not always wait for me to sit down.", True, ResponseChannel.ONLINE),
]

THEMES = {
    "Patient transport eligibility": ("Who can get patient transport, and how long it takes", [1, 4]),
    "Bus routes and reliability": ("Broken ramps, early last buses, drivers not waiting", [0, 5, 8]),
    "Cost of taxis": ("Paying up front for taxis to appointments", [2, 7]),
}


def _add_questions(page, specs):
    for order, spec in enumerate(specs):
        question = Question(
            page=page,
            sort_order=order,
            kind=spec["kind"],
            text=spec["text"],
            easy_read_text=spec.get("easy_read_text", ""),
            required=spec.get("required", True),
            allow_other=spec.get("allow_other", False),
            max_length=spec.get("max_length", 1000),
        )
        question.choices = [
            Choice(text=text, easy_read_text=easy, sort_order=i)
            for i, (text, easy) in enumerate(spec.get("choices", []))
        ]
        page.questions.add(question)


def _open_consultation(index, board, log):
    page = ConsultationPage.objects.child_of(index).filter(slug="taking-part-in-board-meetings").first()
    if page:
        return page
    page = ConsultationPage(
        title="How should disabled people take part in Board meetings?",
        slug="taking-part-in-board-meetings",
        board=board,
        summary=(
            "The Health and Wellbeing Board makes decisions about health and care in Castlebridge. "
            "Most people only hear about them afterwards, in long written reports. We want to change "
            "how people can take part, so that disabled people are part of the decisions from the start. "
            "Tell us how you would like to take part, and what would help."
        ),
        opens_at=timezone.now() - timedelta(weeks=3),
        closes_at=_friday_5pm(14),
        who_is_asking=(
            "<p>The Castlebridge Health and Wellbeing Board, with Castlebridge Centre for Independent "
            "Living. The Board agreed in September to open up its meetings, and asked the Centre to help "
            "design how.</p>"
        ),
        what_happens_next=(
            "<p>We will read every answer. The Centre's advisory group will help us find the themes. "
            "In May we will publish what you said and what the Board will change, on this page and in "
            "easy read.</p>"
        ),
        background=[
            {
                "type": "paragraph",
                "value": (
                    "<p>The Board meets six times a year at the Town Hall. Meetings are open to the public, "
                    "but last year only three members of the public came, and none of them asked a "
                    "question.</p>"
                    "<p>At our stakeholder event in October, people told us the room is hard to get to, the "
                    "papers are 200 pages long, and there is no way to take part from home.</p>"
                ),
            },
        ],
        easy_read=[
            {
                "type": "sentence",
                "value": {"text": "The Health and Wellbeing Board makes decisions about health and care."},
            },
            {"type": "sentence", "value": {"text": "We want disabled people to help make these decisions."}},
            {"type": "sentence", "value": {"text": "Tell us how you want to take part."}},
            {"type": "sentence", "value": {"text": "You can answer online, by phone or on paper."}},
            {"type": "sentence", "value": {"text": "You can stop and come back later."}},
        ],
        allow_anonymous=False,
        results_published=False,
    )
    _add_questions(page, OPEN_QUESTIONS)
    index.add_child(instance=page)
    page.save_revision().publish()
    log("Created the open consultation.")
    return page


def _closed_consultation(index, board, log):
    page = ConsultationPage.objects.child_of(index).filter(slug="getting-to-health-appointments").first()
    if page:
        return page
    closes = datetime(2026, 8, 28, 17, 0, tzinfo=LONDON)
    page = ConsultationPage(
        title="Getting to health appointments",
        slug="getting-to-health-appointments",
        board=board,
        summary=(
            "Many disabled people told us that getting to appointments at the hospital and the GP is "
            "hard. The Board asked how people travel, what goes wrong, and what would help."
        ),
        opens_at=datetime(2026, 6, 1, 9, 0, tzinfo=LONDON),
        closes_at=closes,
        who_is_asking="<p>The Castlebridge Health and Wellbeing Board and Castlebridge NHS Trust.</p>",
        what_happens_next="<p>The Board discussed the answers at its meeting on 8 October 2026.</p>",
        results_published=True,
        you_said=(
            "<p>Most people who use patient transport said the rules on who can use it are unclear, "
            "and pick-ups are hours early. Bus users said ramps are often broken. Taxi users said the "
            "cost makes them miss appointments.</p>"
        ),
        we_did=(
            "<ul><li>Castlebridge NHS Trust has rewritten the patient transport eligibility rules with "
            "the Centre's advisory group. The new rules start in January 2027.</li>"
            "<li>Pick-up times will be no more than 90 minutes before an appointment.</li>"
            "<li>We asked the bus company to report broken ramps within a day. They agreed to a trial on "
            "the 42 and 17 routes.</li>"
            "<li>We cannot pay for taxis for everyone, because the money is not there. We will fund a "
            "Healthy Travel hardship scheme for people on low incomes from April 2027.</li></ul>"
        ),
        reported_back_at=datetime(2026, 10, 15, 10, 0, tzinfo=LONDON),
    )
    _add_questions(page, CLOSED_QUESTIONS)
    index.add_child(instance=page)
    page.save_revision().publish()
    _closed_responses(page, log)
    log("Created the closed consultation with its results and report-back.")
    return page


def _closed_responses(page, log):
    questions = page.ordered_questions()
    transport, rating, written = questions
    transport_choices = list(transport.choices.all())
    staff = User.objects.filter(email="editor@castlebridge-cil.example").first()
    submitted = datetime(2026, 7, 1, 12, 0, tzinfo=LONDON)
    answers_for_theme = []
    for number, (name, choice_index, stars, text, consent, channel) in enumerate(CLOSED_RESPONSES, start=1):
        email = f"resident{number}@castlebridge-residents.example"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email=email, password=None)
            Profile.objects.create(user=user, display_name=name)
        supported = channel != ResponseChannel.ONLINE
        response = Response.objects.create(
            consultation=page,
            member=user,
            status=ResponseStatus.SUBMITTED,
            channel=channel,
            entered_by=staff if supported else None,
            consent_recorded=supported,
            publish_consent=consent,
            submitted_at=submitted + timedelta(days=number),
        )
        choice = transport_choices[choice_index]
        # These responses were sent: their answers are the sent ones, and count.
        answer = Answer.objects.create(
            response=response, question=transport, question_text=transport.text, is_sent=True
        )
        AnswerChoice.objects.create(answer=answer, choice=choice, choice_text=choice.text)
        Answer.objects.create(
            response=response, question=rating, question_text=rating.text, rating=stars, is_sent=True
        )
        text_answer = None
        if text:
            text_answer = Answer.objects.create(
                response=response, question=written, question_text=written.text, text=text, is_sent=True
            )
            published = text.replace(
                " My carer Jean has to take the day off.", " My carer has to take the day off."
            )
            Moderation.objects.create(
                answer=text_answer,
                status=ModerationStatus.APPROVED if consent else ModerationStatus.HIDDEN,
                published_text=published if consent else "",
                redaction_reason="Took out the carer's name." if published != text else "",
                moderated_by=staff,
            )
        answers_for_theme.append(text_answer)
    for name, (description, indexes) in THEMES.items():
        theme = Theme.objects.create(consultation=page, name=name, description=description)
        theme.answers.set([answers_for_theme[i] for i in indexes if answers_for_theme[i]])


LIVE_SESSION_TITLE = "Health and Wellbeing Board: open session on taking part"
LIVE_AGENDA = [
    (
        "Welcome and how this session works",
        "The chair introduces everyone. Captions are on the page; the BSL interpreter's video "
        "opens in its own tab.",
    ),
    (
        "How people want to take part in Board meetings",
        "What we have heard so far in the consultation, and questions from members.",
    ),
    (
        "Papers and information before meetings",
        "Easy read, large print and audio versions; how early papers go out.",
    ),
    ("What happens next", "How the Board will report back, and the date of the next session."),
]


def _demo_session_start():
    return _friday_5pm(2).replace(hour=18)


def _back_to_scheduled(session, log):
    """Make the demo session ready to try again: scheduled, in the future, with nothing said in it.

    Only this session's own activity goes; its set-up, other sessions and every account,
    response and page stay as they are.
    """
    from coproduction.live.models import (
        AccessSignal,
        CaptionLine,
        LiveEvent,
        Presence,
        ProcessedAction,
        RaisedHand,
        SessionState,
        WrittenQuestion,
    )

    changes = {}
    if session.state != SessionState.SCHEDULED or session.last_seq:
        for model in (RaisedHand, WrittenQuestion, AccessSignal, CaptionLine, ProcessedAction, Presence):
            model.objects.filter(session=session).delete()
        LiveEvent.objects.filter(session=session).delete()
        changes.update(
            state=SessionState.SCHEDULED,
            current_item=None,
            announcement="",
            last_seq=0,
            started_at=None,
            ended_at=None,
        )
    if session.scheduled_start < timezone.now():
        length = session.scheduled_end - session.scheduled_start
        start = _demo_session_start()
        changes.update(scheduled_start=start, scheduled_end=start + length)
    if changes:
        type(session).objects.filter(pk=session.pk).update(**changes)
        for field, value in changes.items():
            setattr(session, field, value)
        log("Put the demo live session back to scheduled.")


def _live_session(page, log):
    from coproduction.live.models import AgendaItem, LiveSession

    from .models import AgendaQuestion

    # Found by its title: other sessions added to the consultation are not the demo's to reset.
    session = LiveSession.objects.filter(host=page, title=LIVE_SESSION_TITLE).order_by("pk").first()
    if session is not None:
        _back_to_scheduled(session, log)
        return session
    start = _demo_session_start()
    session = LiveSession.objects.create(
        host=page,
        title=LIVE_SESSION_TITLE,
        scheduled_start=start,
        scheduled_end=start + timedelta(hours=1, minutes=30),
    )
    questions = {q.kind: q for q in page.ordered_questions()}
    for order, (title, description) in enumerate(LIVE_AGENDA):
        item = AgendaItem.objects.create(
            session=session, sort_order=order, title=title, description=description
        )
        if order == 1 and "single" in questions:
            AgendaQuestion.objects.create(agenda_item=item, question=questions["single"])
    chair = User.objects.filter(email="chair@castlebridge-cil.example").first()
    captioner = User.objects.filter(email="captioner@castlebridge-cil.example").first()
    if chair:
        session.chairs.add(chair)
    if captioner:
        session.captioners.add(captioner)
    log("Created the live session.")
    return session


def load(log, context):
    """The board, its consultations and the live session, on the home page home.demo made."""
    home = context["home"]
    board, _ = Board.objects.get_or_create(slug=BOARD["slug"], defaults=BOARD)
    index = ConsultationIndexPage.objects.child_of(home).filter(slug="consultations").first()
    if index is None:
        index = ConsultationIndexPage(
            title="Consultations",
            slug="consultations",
            show_in_menus=True,
            intro=(
                "<p>The Castlebridge Health and Wellbeing Board asks for your views before it decides. "
                "Answer online, or ask for another format. After each consultation closes, the Board says "
                "what it heard and what it did.</p>"
            ),
        )
        home.add_child(instance=index)
        index.save_revision().publish()
        log("Created the consultations page.")
    open_consultation = _open_consultation(index, board, log)
    consultations = {
        "board": board,
        "index": index,
        "open": open_consultation,
        "closed": _closed_consultation(index, board, log),
        "live": _live_session(open_consultation, log),
    }
    # load_demo prints the steps to try the live session: the member's page and the chair's console.
    page, session_id = open_consultation, consultations["live"].pk
    live_session = {
        "url": page.url_for("live_page", session_id),
        "chair_url": page.url_for("chair_console", session_id),
    }
    return {"consultations": consultations, "live_session": live_session}
