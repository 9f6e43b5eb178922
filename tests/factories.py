"""Builders for test data that read like the situation they set up."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from consultations.models import Board, Choice, ConsultationIndexPage, ConsultationPage, Question
from home.models import HomePage

ALL_KINDS = [
    {"kind": "single", "text": "Where should meetings be?", "choices": ["Town Hall", "Online", "Both"]},
    {
        "kind": "multiple",
        "text": "What would help?",
        "allow_other": True,
        "choices": ["Captions", "BSL interpreter", "Breaks"],
    },
    {"kind": "rating", "text": "How well does the Board listen?"},
    {
        "kind": "ranking",
        "text": "Put these in order",
        "choices": ["Hearing back", "Good times", "Clear papers"],
    },
    {"kind": "text", "text": "Anything else?", "required": False, "max_length": 200},
]


def signed_in(user):
    """A test client signed in as `user`, as their browser would be."""
    client = Client()
    client.force_login(user)
    return client


def make_board(name="Riverside Health and Wellbeing Board", slug="riverside-hwb"):
    board, _ = Board.objects.get_or_create(
        slug=slug, defaults={"name": name, "remit": "Health and care", "contact_email": f"{slug}@example.org"}
    )
    return board


def make_home_page(title="Castlebridge Centre for Independent Living"):
    """The site's home page, made the default site's root: enough for pages to have URLs.

    Faster than the `demo` fixture for tests that need one consultation and no other content.
    """
    from wagtail.models import Page, Site

    home = HomePage.objects.first()
    if home is None:
        home = HomePage(title=title, slug="castlebridge")
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name=title)
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home


def index_page(model, title, slug):
    """The site's one `model` index page, published under the home page the first time it is asked for."""
    index = model.objects.first()
    if index is None:
        index = model(title=title, slug=slug)
        make_home_page().add_child(instance=index)
        index.save_revision().publish()
    return index


def consultations_index():
    return index_page(ConsultationIndexPage, "Consultations", "consultations")


def make_consultation(
    title="Taking part in meetings", questions=ALL_KINDS, opens=-7, closes=7, board=None, **fields
):
    """A published consultation that opened `opens` days from now and closes `closes` days from now."""
    now = timezone.now()
    page = ConsultationPage(
        title=title,
        board=board or make_board(),
        summary=fields.pop("summary", "The Board wants to hear how you would like to take part."),
        opens_at=now + timedelta(days=opens),
        closes_at=now + timedelta(days=closes),
        who_is_asking="<p>The Board.</p>",
        what_happens_next="<p>We will report back in May.</p>",
        **fields,
    )
    for order, spec in enumerate(questions):
        question = Question(
            sort_order=order,
            kind=spec["kind"],
            text=spec["text"],
            required=spec.get("required", True),
            allow_other=spec.get("allow_other", False),
            max_length=spec.get("max_length", 1000),
            easy_read_text=spec.get("easy_read_text", ""),
        )
        # A choice is its text, or (text, easy read wording).
        question.choices = [
            Choice(text=text, sort_order=i)
            if isinstance(text, str)
            else Choice(text=text[0], easy_read_text=text[1], sort_order=i)
            for i, text in enumerate(spec.get("choices", []))
        ]
        page.questions.add(question)
    consultations_index().add_child(instance=page)
    page.save_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)


def choice_id(page, question_number, text):
    question = page.ordered_questions()[question_number - 1]
    return str(question.choices.get(text=text).pk)


def valid_answers(page):
    """POST data for each question of ALL_KINDS, by question number."""
    ranking = page.ordered_questions()[3]
    return {
        1: {"answer": choice_id(page, 1, "Online")},
        2: {"answer": [choice_id(page, 2, "Captions"), "other"], "other_text": "A quiet room"},
        3: {"answer": "4"},
        4: {f"rank_{c.pk}": str(i) for i, c in enumerate(ranking.choices.all(), start=1)},
        5: {"answer": "Please send papers earlier."},
    }


def answer_all(client, page, answers=None):
    answers = answers or valid_answers(page)
    for number, data in answers.items():
        response = client.post(f"{page.url}answer/{number}/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
    return client.post(f"{page.url}answer/check/", {"publish_consent": "on"})


def admin_time(days_from_now):
    """A time `days_from_now` days away, as the admin's date and time fields take it."""
    return timezone.localtime(timezone.now() + timedelta(days=days_from_now)).strftime("%Y-%m-%d %H:%M")


def new_session_form(host):
    """The admin's form for a new live session hosted by `host`, with one agenda item."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    return nested_form_data(
        {
            "host": str(host.pk),
            "title": "Open session on getting to meetings",
            "scheduled_start": admin_time(2),
            "scheduled_end": admin_time(2.1),
            "who_may_join": "signed_in",
            "bsl_video_url": "",
            "decisions": "",
            "agenda_items": inline_formset([{"title": "Welcome", "description": ""}]),
        }
    )


def make_live_session(
    page,
    chair,
    captioner=None,
    agenda=("Welcome", "Transport", "Papers", "Next steps"),
    started=False,
    **fields,
):
    """A scheduled live session hosted by `page` (a consultation, or any host page), with its agenda;
    `started`: already live, at the first agenda item."""
    from coproduction.live.models import AgendaItem, LiveSession

    now = timezone.now()
    session = LiveSession.objects.create(
        host=page,
        title=fields.pop("title", "Board meeting, live"),
        scheduled_start=now,
        scheduled_end=now + timedelta(hours=2),
        **fields,
    )
    for order, title in enumerate(agenda):
        AgendaItem.objects.create(session=session, title=title, sort_order=order)
    session.chairs.add(chair)
    if captioner is not None:
        session.captioners.add(captioner)
    if started:
        session.state = "live"
        session.current_item = session.ordered_agenda()[0]
        session.save()
    return session
