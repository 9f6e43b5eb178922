"""One person, one vote: a value or a field sent twice in one answer is refused, and the
database refuses a repeated choice even if a form let one through."""

import re

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from consultations.models import Answer, AnswerChoice, Response
from consultations.services import AnswerValue, save_answer, start_response
from tests.factories import choice_id, make_consultation

pytestmark = pytest.mark.django_db


def summary_errors(response):
    """The messages listed in the error summary at the top of the page."""
    html = response.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert summary, "the page has no error summary"
    return [
        re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", summary.group(0), re.S)
    ]


def rank_field(consultation, text):
    return f"rank_{choice_id(consultation, 4, text)}"


def test_repeated_choice_in_one_post_is_refused(signed_in, consultation):
    captions = choice_id(consultation, 2, "Captions")
    response = signed_in.post(f"{consultation.url}answer/2/", {"answer": [captions] * 5})
    assert summary_errors(response) == ["You chose “Captions” more than once. Choose each answer once."]


def test_a_refused_repeated_choice_saves_nothing(signed_in, member, consultation):
    captions = choice_id(consultation, 2, "Captions")
    signed_in.post(f"{consultation.url}answer/2/", {"answer": [captions] * 5})
    assert not Answer.objects.filter(response__member=member).exists()


def test_two_answers_to_a_single_choice_question_are_refused(signed_in, consultation):
    data = {"answer": [choice_id(consultation, 1, "Online"), choice_id(consultation, 1, "Both")]}
    response = signed_in.post(f"{consultation.url}answer/1/", data)
    assert summary_errors(response) == ["Choose only one answer"]


def test_the_same_single_choice_sent_twice_is_refused(signed_in, consultation):
    online = choice_id(consultation, 1, "Online")
    response = signed_in.post(f"{consultation.url}answer/1/", {"answer": [online, online]})
    assert summary_errors(response) == ["Choose only one answer"]


def test_two_ratings_in_one_post_are_refused(signed_in, consultation):
    response = signed_in.post(f"{consultation.url}answer/3/", {"answer": ["5", "5"]})
    assert summary_errors(response) == ["Choose only one rating"]


def test_two_positions_for_one_ranked_item_are_refused(signed_in, consultation):
    data = {
        rank_field(consultation, "Hearing back"): ["1", "3"],
        rank_field(consultation, "Good times"): "2",
        rank_field(consultation, "Clear papers"): "3",
    }
    response = signed_in.post(f"{consultation.url}answer/4/", data)
    assert summary_errors(response) == ["Give “Hearing back” only one position"]


def test_two_written_answers_to_one_question_are_refused(signed_in, consultation):
    response = signed_in.post(f"{consultation.url}answer/5/", {"answer": ["First try", "Second try"]})
    assert summary_errors(response) == ["Send only one answer to this question"]


def test_two_other_answers_are_refused(signed_in, consultation):
    data = {"answer": ["other"], "other_text": ["A quiet room", "A quiet room"]}
    response = signed_in.post(f"{consultation.url}answer/2/", data)
    assert summary_errors(response) == ["Write only one other answer"]


def test_a_repeated_choice_keeps_what_the_person_ticked(signed_in, consultation):
    captions = choice_id(consultation, 2, "Captions")
    breaks = choice_id(consultation, 2, "Breaks")
    html = signed_in.post(
        f"{consultation.url}answer/2/", {"answer": [captions, captions, breaks]}
    ).content.decode()
    assert re.search(rf'value="{breaks}"[^>]*checked', html)


def test_a_repeated_choice_entered_for_someone_else_is_refused(client, make_member, consultation):
    make_member("amina@example.org", display_name="Amina")
    client.force_login(make_member("staff@example.org", groups=["Board editors"]))
    client.post(
        f"{consultation.url}answer-for/",
        {"member_email": "amina@example.org", "channel": "phone", "consent": "on"},
    )
    captions = choice_id(consultation, 2, "Captions")
    response = client.post(f"{consultation.url}answer/2/", {"answer": [captions] * 5})
    assert summary_errors(response) == ["You chose “Captions” more than once. Choose each answer once."]


def test_a_repeated_choice_from_a_visitor_who_is_not_signed_in_is_refused(db):
    consultation = make_consultation(allow_anonymous=True)
    captions = choice_id(consultation, 2, "Captions")
    response = Client().post(f"{consultation.url}answer/2/", {"answer": [captions] * 5})
    assert summary_errors(response) == ["You chose “Captions” more than once. Choose each answer once."]


def test_a_refused_repeated_choice_from_a_visitor_starts_no_response(db):
    consultation = make_consultation(allow_anonymous=True)
    captions = choice_id(consultation, 2, "Captions")
    Client().post(f"{consultation.url}answer/2/", {"answer": [captions] * 5})
    assert not Response.objects.filter(consultation=consultation).exists()


def saved_answer(signed_in, member, consultation, number, data):
    assert signed_in.post(f"{consultation.url}answer/{number}/", data).status_code == 302
    return Answer.objects.get(response__member=member, is_current=True, question__sort_order=number - 1)


def test_the_database_refuses_a_repeated_choice_in_one_answer(signed_in, member, consultation):
    answer = saved_answer(
        signed_in, member, consultation, 2, {"answer": [choice_id(consultation, 2, "Captions")]}
    )
    selection = answer.selections.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        AnswerChoice.objects.create(answer=answer, choice=selection.choice, choice_text=selection.choice_text)


def test_the_database_refuses_two_items_at_one_position(signed_in, member, consultation):
    data = {
        rank_field(consultation, "Hearing back"): "1",
        rank_field(consultation, "Good times"): "2",
        rank_field(consultation, "Clear papers"): "3",
    }
    answer = saved_answer(signed_in, member, consultation, 4, data)
    second = answer.selections.get(rank=2)
    with pytest.raises(IntegrityError), transaction.atomic():
        AnswerChoice.objects.filter(pk=second.pk).update(rank=1)


def test_a_form_that_lets_a_repeated_choice_through_saves_nothing(member, consultation):
    """The reported fault was one member counted 5 times for "Captions": the database stops it."""
    question = consultation.ordered_questions()[1]
    captions = question.choices.get(text="Captions")
    response = start_response(consultation, member=member)
    with pytest.raises(IntegrityError):
        save_answer(response, question, AnswerValue(choices=((captions, None),) * 5))
    assert not AnswerChoice.objects.filter(answer__response=response).exists()
