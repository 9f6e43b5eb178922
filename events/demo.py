"""Demo content: the Board's stakeholder event with its World Café harvest, an upcoming online
event, and an upcoming hybrid event whose World Café has remote seats in its live session.

Everything here is invented. `load_demo` runs `load()` after home.demo and consultations.demo;
running it again finds what is already there and changes nothing. The past event's dates
follow today's, so it is always a few weeks ago and the others always ahead.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from coproduction.members.models import User

from .models import (
    AttendanceMode,
    CafeRound,
    CafeTable,
    CafeTheme,
    Contribution,
    EventAgendaItem,
    EventFormat,
    EventIndexPage,
    EventPage,
    HarvestPublication,
    Registration,
    RegistrationStatus,
    Topic,
    Venue,
    WorldCafePage,
)

VENUE = {
    "name": "Castlebridge Community Hub",
    "address": "The Old Library\n41 Market Street\nCastlebridge\nCB1 2HF",
    "directions": (
        "The Hub is the red-brick building opposite the market hall, with a green door. "
        "From the bus station, cross at the lights, walk past the chemist and the Hub is on your right "
        "after about 150 metres. The entrance we use is the side door on Pine Walk, which has a ramp."
    ),
    "step_free_route": (
        "From the Pine Walk drop-off point a level path leads to the side door (automatic, 1 metre wide). "
        "The main hall and the quiet room are on the ground floor; a lift goes to the first floor."
    ),
    "accessible_toilet": True,
    "changing_places_toilet": True,
    "hearing_loop": True,
    "quiet_room": "The Reading Room, next to the main hall, with soft chairs and dimmable lights.",
    "seating": "Chairs with and without arms; space at every table for wheelchairs and mobility scooters.",
    "lighting_and_noise": (
        "The hall has daylight and ceiling lights we can dim. It can get loud when all tables talk at once: "
        "ear defenders are at the welcome desk."
    ),
    "parking": (
        "Four Blue Badge spaces and a drop-off point on Pine Walk. Market Street car park is 200 metres away."
    ),
    "nearest_transport": (
        "Castlebridge bus station (step-free, 300 metres). Buses 12 and 40 stop outside the market hall. "
        "Castlebridge railway station has lifts to both platforms and is a 10-minute walk "
        "or a short taxi ride."
    ),
}

TOPICS = [
    ("Taking part in decisions", "taking-part"),
    ("Health and care", "health-and-care"),
    ("Information and papers", "information-and-papers"),
    ("Transport", "transport"),
]

STAKEHOLDER_EVENT = {
    "title": "Having your say: how should the Health and Wellbeing Board hear from you?",
    "slug": "having-your-say",
    "summary": (
        "The Castlebridge Health and Wellbeing Board wants voluntary groups, care providers, local "
        "businesses and disabled residents to help shape how people take part in its work. "
        "Come in person or join online."
    ),
    "easy_read_summary": (
        "The Health and Wellbeing Board makes choices about health and care in Castlebridge.\n"
        "The Board wants to hear from more people.\n"
        "Come and tell us how you want to take part.\n"
        "You can come to the Community Hub or join on a computer.\n"
        "We will pay you for your time if you have lived experience."
    ),
    "who_it_is_for": (
        "Disabled people, carers, voluntary and community groups, care providers, local businesses and "
        "members of the Board."
    ),
    "description": (
        "<p>Board meetings are formal and papers are long. Many people told us they want other ways in. "
        "At this event we will talk in small groups, World Café style, and the Board will say at the end "
        "what it will do next.</p>"
    ),
    "facilitators": (
        "Tomasz Wójcik, Castlebridge CIL (lead facilitator)\nPriya Nair, Health and Wellbeing Board"
    ),
    "access_provided": [
        "bsl",
        "captions",
        "easy_read",
        "breaks",
        "quiet_room",
        "step_free",
        "hearing_loop",
        "supporter_place",
    ],
    "access_notes": "Papers go out a week before in standard, large print and easy read. Lunch is provided.",
    "pays_participants": True,
    "payment_rate": "£40 for the afternoon, plus travel",
    "payment_amount": "40.00",
    "how_to_claim": (
        "Tick \u201clived experience\u201d when you register. After the event we send a short form; "
        "payment reaches your bank account within 10 working days. It will not affect your benefits "
        "if you tell us to pay it as a voucher instead."
    ),
    "capacity": 60,
    "joining_link": "https://meet.castlebridge-cil.example/having-your-say",
    "joining_instructions": (
        "The link opens in your web browser. Captions and a BSL interpreter are on screen."
    ),
    "contact_email": "events@castlebridge-cil.example",
}

AGENDA = [
    (time(12, 30), time(13, 15), "Arrive, lunch and find your table", True, "Quiet room open all afternoon."),
    (time(13, 15), time(13, 30), "Welcome from the Chair of the Board", False, ""),
    (time(13, 30), time(13, 50), "World Café, round 1", False, ""),
    (time(13, 50), time(14, 10), "World Café, round 2", False, ""),
    (time(14, 10), time(14, 30), "Break", True, "Tea, coffee and a chance to rest."),
    (time(14, 30), time(14, 50), "World Café, round 3", False, ""),
    (time(14, 50), time(15, 20), "Harvest: what we heard, and what the Board will do next", False, ""),
]

ONLINE_EVENT = {
    "title": "Online drop-in: Board papers you can read",
    "slug": "board-papers-you-can-read",
    "summary": (
        "An hour online to look at a real Board paper together and say what would make it easier to read, "
        "in any format. Cameras optional; you can type instead of speaking."
    ),
    "easy_read_summary": (
        "Board papers can be hard to read.\n"
        "We will look at one paper together on a computer.\n"
        "Tell us what would make it easier.\n"
        "You can type or talk."
    ),
    "who_it_is_for": "Anyone who has tried to read a Board paper, or given up.",
    "facilitators": "Declan Byrne, advisory group member\nTomasz Wójcik, Castlebridge CIL",
    "access_provided": ["bsl", "captions", "easy_read", "large_print", "breaks", "supporter_place"],
    "access_notes": "We send the paper a week before, in the format you choose.",
    "capacity": 40,
    "joining_link": "https://meet.castlebridge-cil.example/board-papers",
    "joining_instructions": "The link works in a web browser on a computer, tablet or phone.",
    "contact_email": "events@castlebridge-cil.example",
}

WORLD_CAFE = {
    "title": "World Café: taking part in the Board's work",
    "slug": "world-cafe",
    "intro": (
        "Three rounds of conversation at six tables. Hosts stayed at their tables and wrote down what "
        "people said; everyone else moved to a new table each round."
    ),
    "instructions": (
        "<p>Each round lasts 20 minutes and has one question. Sit at any table for round 1. "
        "When the round ends, move to a different table: the host stays and tells you what the table said "
        "before.</p><p>Say as much or as little as you like. You can write on the paper instead of "
        "speaking. The host writes down what the table says.</p>"
    ),
    "easy_read_instructions": (
        "We talk in small groups at tables.\n"
        "There are 3 talks. Each talk is 20 minutes.\n"
        "Each talk has 1 question.\n"
        "After each talk, you move to a new table.\n"
        "The host stays at the table and writes down what people say.\n"
        "You can talk, or write on the paper."
    ),
    "what_happens_next": (
        "<p>The Board will discuss this harvest at its next public meeting and publish a \u201cyou said, we "
        "did\u201d report within three months. Every theme below will get an answer: what the Board will do, "
        "or why it cannot.</p>"
    ),
}

ROUNDS = [
    ("What gets in the way of you taking part in the Board's decisions?", "What stops you having a say?"),
    ("What would make it easier to take part?", "What would help you have a say?"),
    ("What should the Board change first?", "What should the Board do first?"),
]

TABLES = [
    ("Table 1: Oak", "facilitator@castlebridge-cil.example"),
    ("Table 2: Ash", "advisory@castlebridge-cil.example"),
    ("Table 3: Rowan", "member@castlebridge-cil.example"),
    ("Table 4: Willow", "editor@castlebridge-cil.example"),
    ("Table 5: Hazel", "facilitator@castlebridge-cil.example"),
    ("Table 6: Elm", "chair@castlebridge-cil.example"),
]

THEMES = [
    ("Papers people can read", "Shorter papers, easy read and large print, sent in time."),
    ("Meetings at times and places that work", "Times, travel, venues and joining from home."),
    ("Being paid and valued", "Payment for time and expenses, and being treated as an equal."),
    ("Hearing back", "Knowing what happened because of what people said."),
    ("Other ways in", "Events, conversations and groups besides formal meetings."),
]

# (table number, round number, text, theme numbers) — what each host wrote down.
CONTRIBUTIONS = [
    (
        1,
        1,
        "Papers arrive two days before the meeting and are 80 pages long. Nobody can read that in time.",
        [1],
    ),
    (1, 1, "Meetings start at 10am; with care calls in the morning many of us cannot get there.", [2]),
    (1, 2, "A one-page summary at the front of every paper, in plain words.", [1]),
    (1, 2, "Pay people for their time the way the NHS pays its own staff to attend.", [3]),
    (1, 3, "Tell us within a month what the Board did with what we said.", [4]),
    (2, 1, "I have been to three consultations and never heard what happened next.", [4]),
    (2, 1, "The public gallery has no hearing loop and the microphones are often off.", [2]),
    (2, 2, "Let people join online and ask questions in writing.", [2, 5]),
    (2, 2, "Easy read versions made with people with learning disabilities, not after.", [1]),
    (2, 3, "Hold one Board meeting a year in a community venue, not the Town Hall.", [2, 5]),
    (2, 3, "Put a standing item on every agenda: what we heard from residents.", [4, 5]),
    (3, 1, "Forms and jargon: I did not know what \u201cstrategic commissioning\u201d meant.", [1]),
    (3, 1, "Travel costs. A taxi there and back is £24 for me.", [3]),
    (3, 2, "Pay travel on the day, in cash or straight to the bank, not weeks later.", [3]),
    (3, 2, "A named person to contact before the meeting, who can explain the papers.", [1, 5]),
    (3, 3, "Start with papers: if we cannot read them we cannot take part.", [1]),
    (3, 3, "Fund the CIL to run a residents' panel that reports to every Board meeting.", [5]),
    (4, 1, "Care providers cannot release staff for a whole morning.", [2]),
    (4, 1, "Small groups do not know the Board exists or what it decides.", [5]),
    (4, 2, "Short online sessions at lunchtime or after 6pm.", [2]),
    (4, 2, "A newsletter after each meeting: three things decided, in plain words.", [4]),
    (4, 3, "Publish a calendar of decisions coming up, so groups can plan to respond.", [4, 5]),
    (4, 3, "Recognise volunteers' time: certificates, references, payment where possible.", [3]),
    (5, 1, "Being the only disabled person in the room and feeling like a box being ticked.", [3]),
    (5, 1, "BSL interpreters are not booked unless you ask weeks ahead, and then it is your fault.", [1, 2]),
    (5, 2, "Book BSL and captions for every public meeting as standard.", [2]),
    (5, 2, "Pair new members with someone who has done it before.", [3, 5]),
    (5, 3, "Co-chair one meeting a year with a disabled resident.", [3, 5]),
    (5, 3, "Say \u201cwe can't, because\u201d when the answer is no. Silence is worse.", [4]),
    (6, 1, "Decisions feel already made before anyone asks us.", [4]),
    (6, 1, "The building is hard to reach: no step-free route from the bus stop.", [2]),
    (6, 2, "Ask earlier, while there are still choices to make.", [4, 5]),
    (6, 2, "World Café events like this one, twice a year, in different parts of the city.", [5]),
    (6, 3, "Make the papers shorter before making anything else.", [1]),
    (6, 3, "Pay people for lived experience at a fair rate and say so up front.", [3]),
    (1, 3, "Audio versions of the summary for people who would rather listen.", [1]),
    (2, 1, "Fatigue: a three-hour meeting with one break is too long for many of us.", [2]),
    (3, 2, "Quiet room and breaks every 45 minutes.", [2]),
    (4, 1, "Meetings clash with school pick-up for parent carers.", [2]),
    (6, 2, "A feedback page online that shows each thing we said and what happened to it.", [4]),
]


def _when(days_from_today, clock):
    day = timezone.localdate() + timedelta(days=days_from_today)
    return timezone.make_aware(datetime.combine(day, clock))


def _venue():
    venue, _ = Venue.objects.get_or_create(name=VENUE["name"], defaults=VENUE)
    return venue


def _topics():
    return {slug: Topic.objects.get_or_create(slug=slug, defaults={"name": name})[0] for name, slug in TOPICS}


def _index(home, log):
    index = EventIndexPage.objects.child_of(home).filter(slug="events").first()
    if index is None:
        index = EventIndexPage(
            title="Events",
            slug="events",
            show_in_menus=True,
            intro=(
                "<p>Stakeholder events, World Cafés and online drop-ins, in person and online. Every event "
                "asks what you need to take part before anything else.</p>"
            ),
        )
        home.add_child(instance=index)
        index.save_revision().publish()
        log("Created the events page.")
    return index


def _event(
    index, spec, starts, ends, event_format, topics, venue=None, consultation=None, agenda=(), log=print
):
    event = EventPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if event is not None:
        return event
    event = EventPage(
        **spec,
        starts_at=starts,
        ends_at=ends,
        registration_deadline=starts - timedelta(days=2),
        event_format=event_format,
        venue=venue,
        consultation=consultation,
    )
    event.agenda_items = [
        EventAgendaItem(
            starts_at=s, ends_at=e, title=title, is_break=is_break, description=description, sort_order=n
        )
        for n, (s, e, title, is_break, description) in enumerate(agenda)
    ]
    index.add_child(instance=event)
    event.topics.set(topics)
    event.save_revision().publish()
    log(f"Created the event \u201c{event.title}\u201d.")
    return EventPage.objects.get(pk=event.pk)


def _people():
    return {user.email: user for user in User.objects.filter(email__endswith="@castlebridge-cil.example")}


def _world_cafe(event, log):
    cafe = WorldCafePage.objects.child_of(event).filter(slug=WORLD_CAFE["slug"]).first()
    if cafe is not None:
        return cafe
    people = _people()
    cafe = WorldCafePage(**WORLD_CAFE)
    cafe.rounds = [
        CafeRound(question=question, easy_read_question=easy, minutes=20, sort_order=n)
        for n, (question, easy) in enumerate(ROUNDS)
    ]
    cafe.tables = [
        CafeTable(name=name, host=people.get(email), sort_order=n) for n, (name, email) in enumerate(TABLES)
    ]
    event.add_child(instance=cafe)
    cafe.save_revision().publish()
    cafe = WorldCafePage.objects.get(pk=cafe.pk)
    tables = cafe.ordered_tables()
    rounds = cafe.ordered_rounds()
    themes = [CafeTheme.objects.create(page=cafe, name=name, description=about) for name, about in THEMES]
    for table_number, round_number, text, theme_numbers in CONTRIBUTIONS:
        table, cafe_round = tables[table_number - 1], rounds[round_number - 1]
        contribution = Contribution.objects.create(
            page=cafe,
            table=table,
            round=cafe_round,
            question=cafe_round.question,
            text=text,
            recorded_by=table.host,
        )
        contribution.themes.set([themes[n - 1] for n in theme_numbers])
    HarvestPublication.objects.create(
        page=cafe, published_by=people.get("facilitator@castlebridge-cil.example")
    )
    log(f"Created the World Café with {len(CONTRIBUTIONS)} contributions in {len(THEMES)} themes, published.")
    return cafe


GETTING_ABOUT_EVENT = {
    "title": "Getting about: buses, taxis and the walk to the Board",
    "slug": "getting-about",
    "summary": (
        "People told the Board that getting to meetings is half the battle. Bus drivers, taxi firms, "
        "the council's transport team and disabled residents plan together what would make journeys "
        "to public meetings easier. Come to the Community Hub or take part online."
    ),
    "easy_read_summary": (
        "Getting to meetings can be hard.\n"
        "We want to make journeys easier.\n"
        "Bus and taxi companies will be there.\n"
        "Come to the Community Hub or join on a computer.\n"
        "Online, you can sit at a table and type what you want to say."
    ),
    "who_it_is_for": (
        "Disabled residents and carers, bus and taxi operators, community transport groups and the "
        "council's transport team."
    ),
    "description": (
        "<p>At the last stakeholder event, \u201cmeetings at times and places that work\u201d was one of "
        "five themes. This afternoon takes the part about journeys further, World Café style, with tables "
        "in the hall and seats at each table for people online.</p>"
    ),
    "facilitators": "Tomasz Wójcik, Castlebridge CIL (lead facilitator)\nDeclan Byrne, advisory group member",
    "access_provided": [
        "bsl",
        "captions",
        "easy_read",
        "breaks",
        "quiet_room",
        "step_free",
        "supporter_place",
    ],
    "access_notes": (
        "Travel costs are paid on the day for anyone with lived experience. Tea and cake provided."
    ),
    "pays_participants": True,
    "payment_rate": "£30 for the afternoon, plus travel",
    "payment_amount": "30.00",
    "how_to_claim": "Tick \u201clived experience\u201d when you register; we pay within 10 working days.",
    "capacity": 45,
    "joining_link": "https://meet.castlebridge-cil.example/getting-about",
    "joining_instructions": (
        "The link opens in your web browser. Captions and a BSL interpreter are on screen. "
        "For the World Café, take a remote seat from the World Café page."
    ),
    "contact_email": "events@castlebridge-cil.example",
}

GETTING_ABOUT_AGENDA = [
    (time(13, 30), time(13, 50), "Arrive and find your table, in the hall or online", True, ""),
    (time(13, 50), time(14, 0), "Welcome, and how the World Café works", False, ""),
    (time(14, 0), time(14, 20), "World Café, round 1", False, ""),
    (time(14, 20), time(14, 40), "World Café, round 2", False, ""),
    (time(14, 40), time(14, 55), "Break", True, "Tea, and the quiet room is open."),
    (time(14, 55), time(15, 15), "World Café, round 3", False, ""),
    (time(15, 15), time(15, 30), "What we heard, and what happens next", False, ""),
]

GETTING_ABOUT_CAFE = {
    "title": "World Café: getting to the Board",
    "slug": "world-cafe",
    "intro": (
        "Three rounds at four tables, in the hall and online. Each table has a host who stays and writes "
        "down what people say; people online take a remote seat at a table and type."
    ),
    "instructions": (
        "<p>Each round lasts 20 minutes and has one question. The facilitator starts each round; online, "
        "your seat page shows the question and about how long is left, and your table's host can send "
        "you notes.</p><p>Write as much or as little as you like. The host adds what you send to the "
        "harvest.</p>"
    ),
    "easy_read_instructions": (
        "We talk in small groups at tables.\n"
        "There are 3 talks. Each talk is about 20 minutes.\n"
        "Each talk has 1 question.\n"
        "Online, you pick a table and type.\n"
        "Your screen shows how long is left.\n"
        "The host of your table can send you notes."
    ),
    "what_happens_next": "<p>The harvest goes to the Board's next public meeting.</p>",
}

GETTING_ABOUT_ROUNDS = [
    ("What makes the journey to a public meeting hard?", "What makes getting there hard?"),
    ("What would make the journey easier, door to door?", "What would make it easier?"),
    ("Who should do what first: the council, the operators or the Board?", "Who should do what first?"),
]

GETTING_ABOUT_TABLES = [
    ("Table 1: Buses", "facilitator@castlebridge-cil.example"),
    ("Table 2: Ash", "advisory@castlebridge-cil.example"),
    ("Table 3: Taxis and community transport", "editor@castlebridge-cil.example"),
    ("Table 4: Walking and wheeling", "chair@castlebridge-cil.example"),
]

EVENT_SESSION_TITLE = "Getting about: live for people taking part online"
EVENT_SESSION_AGENDA = [
    ("Welcome and how the afternoon works", "Who is in the room, who is online, and how to ask to speak."),
    (
        "World Café",
        "Online, take a remote seat at a table: the question, the time left and your host's notes.",
    ),
    ("What we heard", "Each table's host says what their table said."),
    ("What happens next", "When you will hear back, and how."),
]


def _remote_cafe(event, log):
    """The upcoming event's World Café: rounds and tables with hosts, nothing harvested yet."""
    cafe = WorldCafePage.objects.child_of(event).filter(slug=GETTING_ABOUT_CAFE["slug"]).first()
    if cafe is not None:
        return cafe
    people = _people()
    cafe = WorldCafePage(**GETTING_ABOUT_CAFE)
    cafe.rounds = [
        CafeRound(question=question, easy_read_question=easy, minutes=20, sort_order=n)
        for n, (question, easy) in enumerate(GETTING_ABOUT_ROUNDS)
    ]
    cafe.tables = [
        CafeTable(name=name, host=people.get(email), sort_order=n)
        for n, (name, email) in enumerate(GETTING_ABOUT_TABLES)
    ]
    event.add_child(instance=cafe)
    cafe.save_revision().publish()
    log("Created the upcoming World Café with remote seats.")
    return WorldCafePage.objects.get(pk=cafe.pk)


def _event_session(event, log):
    """The upcoming hybrid event's live session: captions, the hand queue and written questions
    for the people taking part online, and the remote seats of its World Café."""
    from coproduction.live.models import AgendaItem, LiveSession

    session = LiveSession.objects.filter(host=event, title=EVENT_SESSION_TITLE).order_by("pk").first()
    if session is not None:
        return session
    session = LiveSession.objects.create(
        host=event, title=EVENT_SESSION_TITLE, scheduled_start=event.starts_at, scheduled_end=event.ends_at
    )
    for order, (title, description) in enumerate(EVENT_SESSION_AGENDA):
        AgendaItem.objects.create(session=session, sort_order=order, title=title, description=description)
    people = _people()
    if people.get("chair@castlebridge-cil.example"):
        session.chairs.add(people["chair@castlebridge-cil.example"])
    if people.get("captioner@castlebridge-cil.example"):
        session.captioners.add(people["captioner@castlebridge-cil.example"])
    log("Created the live session of the event \u201cGetting about\u201d.")
    return session


def _online_place(event, email):
    """A place taking part online, so the member can join the live session and take a remote seat."""
    member = _people().get(email)
    if member is None or event.registrations.filter(member=member).exists():
        return
    last = event.registrations.order_by("-position").values_list("position", flat=True).first() or 0
    # Made directly, not through services.register: the demo sends nobody an email.
    Registration.objects.create(
        event=event,
        member=member,
        status=RegistrationStatus.REGISTERED,
        position=last + 1,
        attendance_mode=AttendanceMode.ONLINE,
        access_requirements=["captions"],
        contact_consent=True,
        lived_experience=True,
    )


def load(log, context):
    """The venue, topics, events page, the past hybrid event with its World Café and live
    session, and the online drop-in."""
    home = context["home"]
    venue = _venue()
    topics = _topics()
    index = _index(home, log)
    consultation = (context.get("consultations") or {}).get("open")
    past = _event(
        index,
        STAKEHOLDER_EVENT,
        _when(-21, time(12, 30)),
        _when(-21, time(15, 30)),
        EventFormat.HYBRID,
        [topics["taking-part"], topics["health-and-care"]],
        venue=venue,
        consultation=consultation,
        agenda=AGENDA,
        log=log,
    )
    _world_cafe(past, log)
    getting_about = _event(
        index,
        GETTING_ABOUT_EVENT,
        _when(10, time(13, 30)),
        _when(10, time(15, 30)),
        EventFormat.HYBRID,
        [topics["transport"], topics["taking-part"]],
        venue=venue,
        agenda=GETTING_ABOUT_AGENDA,
        log=log,
    )
    cafe = _remote_cafe(getting_about, log)
    _online_place(getting_about, "member@castlebridge-cil.example")
    session = _event_session(getting_about, log)
    upcoming = _event(
        index,
        ONLINE_EVENT,
        _when(24, time(18, 0)),
        _when(24, time(19, 0)),
        EventFormat.ONLINE,
        [topics["information-and-papers"]],
        log=log,
    )
    advisory = _people().get("advisory@castlebridge-cil.example")
    if advisory and not upcoming.registrations.exists():
        # Made directly, not through services.register: the demo sends nobody an email.
        Registration.objects.create(
            event=upcoming,
            member=advisory,
            status=RegistrationStatus.REGISTERED,
            position=1,
            attendance_mode=AttendanceMode.ONLINE,
            access_requirements=["captions", "large_print"],
            contact_consent=True,
        )
    # load_demo prints the steps to try the event's live session, a remote seat, a round and notes.
    event_live_session = {
        "url": getting_about.url_for("live_page", session.pk),
        "chair_url": getting_about.url_for("chair_console", session.pk),
        "remote_seat_url": cafe.url_for("remote_seat"),
        "table_host_url": cafe.url_for("remote_contributions"),
    }
    return {
        "events": {
            "index": index,
            "past": past,
            "world_cafe": WorldCafePage.objects.child_of(past).get(),
            "getting_about": getting_about,
            "remote_cafe": cafe,
            "upcoming": upcoming,
            "live": session,
        },
        "event_live_session": event_live_session,
    }
