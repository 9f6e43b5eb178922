"""Question kinds: each kind is one class, and adding a kind is adding one class."""

import re

import pytest
from django import forms
from django.test import Client

from consultations.kinds import AnswerValue, Kind, kind_for, percent, register, unregister
from consultations.models import Answer, QuestionKind
from consultations.services import save_answer, start_response, submit_response
from tests.factories import make_consultation

pytestmark = pytest.mark.django_db


class YesOrNo(Kind):
    """A kind made only for these tests: the person says yes or no."""

    name = "yes_or_no"
    WORDS = {"yes": "Yes, please", "no": "No, thank you"}

    def form_fields(self, question, easy_read=False):
        return {
            "answer": forms.ChoiceField(
                label=question.wording(easy_read),
                choices=list(self.WORDS.items()),
                widget=forms.RadioSelect,
                required=question.required,
                error_messages={"required": "Say yes or no", "invalid_choice": "Say yes or no"},
            )
        }

    def value(self, question, cleaned_data):
        return AnswerValue(text=cleaned_data.get("answer") or "")

    def initial(self, question, value):
        return {"answer": value.text}

    def summary_lines(self, question, answer, easy_read=False):
        return [self.WORDS[answer.text]]

    def count(self, question, answers):
        result = super().count(question, answers)
        for value, words in self.WORDS.items():
            said = sum(1 for answer in answers if answer.text == value)
            result.rows.append((words, said, percent(said, len(answers))))
        return result


@pytest.fixture
def yes_or_no():
    register(YesOrNo)
    yield YesOrNo
    unregister(YesOrNo.name)


@pytest.fixture
def consultation(yes_or_no):
    return make_consultation(
        questions=[{"kind": "yes_or_no", "text": "Should the Board meet in the evening?"}]
    )


@pytest.fixture
def signed_in(client, make_member):
    client.force_login(make_member("amina@example.org", display_name="Amina"))
    return client


def summary_errors(response):
    """The messages listed in the error summary at the top of the page."""
    summary = re.search(r'<div class="error-summary".*?</div>', response.content.decode(), re.S)
    assert summary, "the page has no error summary"
    return [
        re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", summary.group(0), re.S)
    ]


def test_a_new_kind_shows_its_own_fields_on_the_question_page(signed_in, consultation):
    html = signed_in.get(f"{consultation.url}answer/1/").content.decode()
    assert re.search(r'<h1 class="fieldset__heading">Should the Board meet in the evening\?</h1>', html)
    assert re.search(r'value="yes"[^>]*>\s*<label for="id_answer_0">Yes, please</label>', html)


def test_a_new_kind_refuses_a_missing_answer_with_its_own_message(signed_in, consultation):
    response = signed_in.post(f"{consultation.url}answer/1/", {})
    assert summary_errors(response) == ["Say yes or no"]


def test_a_new_kind_shows_the_answer_on_check_your_answers(signed_in, consultation):
    signed_in.post(f"{consultation.url}answer/1/", {"answer": "no"})
    html = signed_in.get(f"{consultation.url}answer/check/").content.decode()
    assert re.search(r"<dd>No, thank you", html)


def test_a_new_kind_is_counted_in_the_results(make_member, consultation):
    for number, said in enumerate(["yes", "yes", "no"]):
        member = Client()
        member.force_login(make_member(f"member{number}@example.org"))
        member.post(f"{consultation.url}answer/1/", {"answer": said})
        member.post(f"{consultation.url}answer/check/", {})
    editor = Client()
    editor.force_login(make_member("editor@example.org", groups=["Board editors"]))
    html = editor.get(f"{consultation.url}results/").content.decode()
    assert '<th scope="row">Yes, please</th><td>2</td><td>67%</td>' in html


def test_every_kind_an_editor_can_choose_has_its_class():
    assert {value: kind_for(value).name for value in QuestionKind.values} == {
        value: value for value in QuestionKind.values
    }


def test_a_kind_gives_its_easy_read_fields_without_a_request(db):
    consultation = make_consultation(
        questions=[
            {
                "kind": "single",
                "text": "Where should meetings be?",
                "easy_read_text": "Where?",
                "choices": [("Town Hall", "In the Town Hall"), "Online"],
            }
        ]
    )
    question = consultation.ordered_questions()[0]
    field = kind_for(question).form_fields(question, easy_read=True)["answer"]
    assert (field.label, [label for _value, label in field.choices]) == (
        "Where?",
        ["In the Town Hall", "Online"],
    )


def test_a_kind_refuses_a_repeated_position_without_a_request(db):
    consultation = make_consultation(
        questions=[
            {"kind": "ranking", "text": "Put these in order", "choices": ["Papers", "Times", "Places"]}
        ]
    )
    question = consultation.ordered_questions()[0]
    papers, times, places = question.choices.all()
    ranking = kind_for(question)
    errors = ranking.clean(question, {f"rank_{papers.pk}": 1, f"rank_{times.pk}": 1, f"rank_{places.pk}": 2})
    assert [str(message) for _field, message in errors] == [
        "Position 1 is also given to \u201cPapers\u201d. Give each position once."
    ]


def test_a_kind_refuses_a_repeated_choice_without_a_request(db):
    consultation = make_consultation(
        questions=[{"kind": "multiple", "text": "What would help?", "choices": ["Captions", "Breaks"]}]
    )
    question = consultation.ordered_questions()[0]
    captions = str(question.choices.get(text="Captions").pk)
    errors = kind_for(question).clean(question, {"answer": [captions, captions]})
    assert [str(message) for _field, message in errors] == [
        "You chose \u201cCaptions\u201d more than once. Choose each answer once."
    ]


def test_a_kind_counts_answers_without_a_request(db):
    consultation = make_consultation(
        questions=[{"kind": "rating", "text": "How well does the Board listen?"}]
    )
    question = consultation.ordered_questions()[0]
    for number, rating in enumerate([4, 4, 5]):
        response = start_response(consultation, token=f"browser-{number}")
        save_answer(response, question, AnswerValue(rating=rating))
        submit_response(response)
    result = kind_for(question).count(question, list(Answer.objects.filter(question=question)))
    assert result.rows[3:] == [("4 \u2013 Good", 2, 67), ("5 \u2013 Very good", 1, 33)]
