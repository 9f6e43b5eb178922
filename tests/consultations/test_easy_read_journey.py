"""Easy read wording on every step for people who chose it: the questions, "Check your
answers" and the receipt, whether chosen in the profile, the display preferences cookie or
the address (`?version=easy-read`)."""

import json
import re

import pytest
from django.core import mail

from tests.factories import make_consultation

pytestmark = pytest.mark.django_db

QUESTIONS = [
    {
        "kind": "single",
        "text": "Which venue do you prefer for Board meetings?",
        "easy_read_text": "Where should we meet?",
        "choices": [("Castlebridge Town Hall", "At the Town Hall"), ("Online video call", "On the computer")],
    },
    {
        "kind": "ranking",
        "text": "Rank these improvements in order of priority",
        "easy_read_text": "Put these in order. 1 is most important.",
        "choices": [("Accessible papers", "Easy papers"), ("Earlier notice", "Know sooner")],
    },
]


@pytest.fixture
def consultation(db):
    return make_consultation(questions=QUESTIONS)


def answers(consultation):
    single, ranking = consultation.ordered_questions()
    first, second = ranking.choices.all()
    return {
        1: {"answer": str(single.choices.get(text="Online video call").pk)},
        2: {f"rank_{first.pk}": "1", f"rank_{second.pk}": "2"},
    }


def answer_everything(client, consultation, query=""):
    for number, data in answers(consultation).items():
        assert client.post(f"{consultation.url}answer/{number}/{query}", data).status_code == 302


def check_rows(html):
    """(question, answer) as "Check your answers" lists them."""
    return [
        (re.sub(r"^\d+\. ", "", dt), re.sub(r"<[^>]+>", "|", dd))
        for dt, dd in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", html, re.S)
    ]


EASY_READ_ROWS = [
    ("Where should we meet?", "On the computer"),
    ("Put these in order. 1 is most important.", "1. Easy papers|2. Know sooner"),
]


def test_check_your_answers_is_in_easy_read_for_a_member_who_chose_it(client, make_member, consultation):
    client.force_login(make_member("jo@example.org", easy_read_first=True))
    answer_everything(client, consultation)
    assert check_rows(client.get(f"{consultation.url}answer/check/").content.decode()) == EASY_READ_ROWS


def test_check_your_answers_is_in_easy_read_for_a_visitor_who_chose_it_in_display_preferences(
    client, settings, db
):
    visitor_page = make_consultation("Open to everyone", questions=QUESTIONS, allow_anonymous=True)
    client.cookies[settings.DISPLAY_PREFERENCES_COOKIE] = json.dumps({"easy_read_first": True})
    answer_everything(client, visitor_page)
    assert check_rows(client.get(f"{visitor_page.url}answer/check/").content.decode()) == EASY_READ_ROWS


def test_check_your_answers_is_in_easy_read_when_the_address_asks_for_it(client, make_member, consultation):
    client.force_login(make_member("jo@example.org"))
    answer_everything(client, consultation)
    html = client.get(f"{consultation.url}answer/check/?version=easy-read").content.decode()
    assert check_rows(html) == EASY_READ_ROWS


def test_the_easy_read_version_asked_for_in_the_address_is_kept_to_the_next_question(
    client, make_member, consultation
):
    client.force_login(make_member("jo@example.org"))
    response = client.post(f"{consultation.url}answer/1/?version=easy-read", answers(consultation)[1])
    assert response["Location"] == f"{consultation.url}answer/2/?version=easy-read"


def test_the_receipt_is_in_easy_read_for_a_member_who_chose_it(client, make_member, consultation):
    client.force_login(make_member("jo@example.org", easy_read_first=True))
    answer_everything(client, consultation)
    client.post(f"{consultation.url}answer/check/")
    assert "1. Where should we meet?\n   On the computer\n" in mail.outbox[0].body


def test_the_receipt_of_answers_entered_for_a_member_follows_the_members_choice(
    client, make_member, consultation
):
    make_member("jo@example.org", easy_read_first=True)
    client.force_login(make_member("staff@example.org", groups=["Board editors"]))
    client.post(
        f"{consultation.url}answer-for/",
        {"member_email": "jo@example.org", "channel": "phone", "consent": "on"},
    )
    answer_everything(client, consultation)
    client.post(f"{consultation.url}answer/check/")
    assert "2. Put these in order. 1 is most important.\n   1. Easy papers\n   2. Know sooner\n" in (
        mail.outbox[0].body
    )


def test_the_ranking_question_heading_is_in_easy_read_for_a_member_who_chose_it(
    client, make_member, consultation
):
    client.force_login(make_member("jo@example.org", easy_read_first=True))
    html = client.get(f"{consultation.url}answer/2/").content.decode()
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", html) == ["Put these in order. 1 is most important."]
