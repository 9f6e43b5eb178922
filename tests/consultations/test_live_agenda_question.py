"""Consultations' own live action: the chair shows everyone the question an agenda item is about."""

import pytest

from consultations.models import AgendaQuestion
from tests.factories import make_consultation, make_live_session, signed_in
from tests.live.conftest import make_meeting_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(make_member):
    page = make_consultation()
    session = make_live_session(page, make_member("chair@example.org", display_name="Cllr Osei"))
    welcome, transport = session.ordered_agenda()[:2]
    AgendaQuestion.objects.create(agenda_item=transport, question=page.ordered_questions()[0])
    return session


def show_question(client, session):
    url = session.host.specific.url_for("live_action", session.pk)
    return client.post(url, {"type": "show_agenda_question", "id": "q-1", "from": "chair"}, follow=True)


def move_to(client, session, item):
    url = session.host.specific.url_for("live_action", session.pk)
    client.post(
        url, {"type": "set_agenda", "item_id": str(item.pk), "id": f"move-{item.pk}", "from": "chair"}
    )


def test_the_chair_shows_everyone_the_question_of_the_item_being_discussed(session, make_member):
    chair = signed_in(session.chairs.get())
    move_to(chair, session, session.ordered_agenda()[1])
    console = chair.get(session.host.specific.url_for("chair_console", session.pk)).content.decode()
    assert "Show this item&#x27;s question to everyone" in console
    response = show_question(chair, session)
    assert "The item&#x27;s question is shown to everyone." in response.content.decode()
    question = session.host.specific.ordered_questions()[0]
    member_page = signed_in(make_member("amina@example.org")).get(
        session.host.specific.url_for("live_page", session.pk)
    )
    assert f"Question for this item: {question.text}" in member_page.content.decode()


def test_an_item_without_a_question_says_so_and_changes_nothing(session):
    chair = signed_in(session.chairs.get())
    move_to(chair, session, session.ordered_agenda()[0])
    response = show_question(chair, session)
    assert response.status_code == 400
    assert "The agenda item being discussed has no consultation question." in response.content.decode()
    session.refresh_from_db()
    assert session.announcement == ""


def test_a_meeting_without_consultation_questions_is_not_offered_the_button(make_member):
    meeting = make_meeting_page()
    session = make_live_session(meeting, make_member("chair@example.org"))
    console = (
        signed_in(session.chairs.get()).get(meeting.url_for("chair_console", session.pk)).content.decode()
    )
    assert "More for the chair" not in console


AGENDA_QUESTIONS = "/admin/snippets/consultations/agendaquestion/"


def test_a_board_editor_ties_an_agenda_item_to_a_question_in_the_admin(make_member):
    page = make_consultation()
    session = make_live_session(page, make_member("chair@example.org"))
    transport = session.ordered_agenda()[1]
    question = page.ordered_questions()[0]
    editor = signed_in(make_member("priya@example.org", groups=["Board editors"]))

    assert editor.get("/admin/").status_code == 200
    listing = editor.get(AGENDA_QUESTIONS)
    assert listing.status_code == 200
    response = editor.post(
        AGENDA_QUESTIONS + "add/", {"agenda_item": transport.pk, "question": question.pk}, follow=True
    )
    assert response.status_code == 200
    link = AgendaQuestion.objects.get()
    assert (link.agenda_item, link.question) == (transport, question)
    assert str(transport) in editor.get(AGENDA_QUESTIONS).content.decode()


def test_a_question_of_another_consultation_is_refused_with_the_reason(make_member):
    page = make_consultation()
    other = make_consultation(title="Day services review", slug="day-services-review")
    session = make_live_session(page, make_member("chair@example.org"))
    editor = signed_in(make_member("priya@example.org", groups=["Board editors"]))
    response = editor.post(
        AGENDA_QUESTIONS + "add/",
        {"agenda_item": session.ordered_agenda()[1].pk, "question": other.ordered_questions()[0].pk},
    )
    assert response.status_code == 200
    assert "Choose a question of the page this session is held on" in response.content.decode()
    assert not AgendaQuestion.objects.exists()


def test_members_cannot_open_the_agenda_questions(make_member):
    member = signed_in(make_member("amina@example.org", groups=["Members"]))
    response = member.get(AGENDA_QUESTIONS)
    # Wagtail sends someone without admin access back to its sign-in page.
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert not AgendaQuestion.objects.exists()
