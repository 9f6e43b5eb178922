"""Consultations' own live action: the chair shows everyone the question an agenda item is about."""

import pytest
from django.test import Client

from consultations.models import AgendaQuestion
from tests.factories import make_consultation, make_live_session
from tests.live.conftest import make_meeting_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(make_member):
    page = make_consultation()
    session = make_live_session(page, make_member("chair@example.org", display_name="Cllr Osei"))
    welcome, transport = session.ordered_agenda()[:2]
    AgendaQuestion.objects.create(agenda_item=transport, question=page.ordered_questions()[0])
    return session


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


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
