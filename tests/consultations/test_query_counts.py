"""The results cost the same number of queries however many people answered."""

import pytest
from django.test import Client

from consultations.kinds import AnswerValue
from consultations.models import Answer, ConsultationPage, Moderation, Theme
from consultations.models.responses import ModerationStatus
from consultations.services import question_results, save_answer, start_response, submit_response
from tests.factories import make_consultation

pytestmark = pytest.mark.django_db


def answered_consultation(responses):
    """A consultation with every kind of question, sent by `responses` people; their written
    answers approved for publication and tagged with a theme."""
    page = make_consultation()
    single, multiple, rating, ranking, text = page.ordered_questions()
    town_hall, online, _both = single.choices.all()
    captions, interpreter, _breaks = multiple.choices.all()
    theme = Theme.objects.create(consultation=page, name="Papers")
    for n in range(responses):
        response = start_response(page, token=f"browser-{n}")
        values = {
            single: AnswerValue(choices=((online if n % 2 else town_hall, None),)),
            multiple: AnswerValue(choices=((captions, None), (interpreter, None)), other_text="A quiet room"),
            rating: AnswerValue(rating=n % 5 + 1),
            ranking: AnswerValue(choices=tuple((c, i) for i, c in enumerate(ranking.choices.all(), start=1))),
            text: AnswerValue(text=f"Please send papers {n} days earlier."),
        }
        for question, value in values.items():
            save_answer(response, question, value)
        submit_response(response, publish_consent=True)
    for answer in Answer.objects.filter(question=text):
        Moderation.objects.create(answer=answer, status=ModerationStatus.APPROVED, published_text=answer.text)
        theme.answers.add(answer)
    return ConsultationPage.objects.get(pk=page.pk)


# question_results reads, whatever the number of responses: the sent answers, their
# chosen items (one prefetch), the questions and their choices (one prefetch).
QUESTION_RESULTS_QUERIES = 4

# The results page for a signed-in board editor, measured at 25 with 3 and with 30 responses
# on SQLite and PostgreSQL: 8 to find the page (the site, the pages on its path, view
# restrictions), 4 for the editor (session, user, two for permissions), the 4 of
# question_results, 2 for the number of people who answered and the themes, and 6 for the
# layout (display preferences, view restrictions, organisation settings and menus), and 1
# for what happened to the themes (the reflection items made from them, all at once).
RESULTS_PAGE_QUERIES = 25


@pytest.mark.parametrize("responses", [3, 30])
def test_counting_the_results_takes_the_same_queries_for_any_number_of_responses(
    responses, django_assert_num_queries
):
    page = answered_consultation(responses)
    with django_assert_num_queries(QUESTION_RESULTS_QUERIES):
        results = question_results(page)
    assert [result.answered for result in results] == [responses] * 5


@pytest.mark.parametrize("responses", [3, 30])
def test_the_results_page_takes_the_same_queries_for_any_number_of_responses(
    responses, make_member, django_assert_num_queries
):
    page = answered_consultation(responses)
    client = Client()
    client.force_login(make_member("editor@example.org", groups=["Board editors"]))
    # The first request fills the caches every later request finds full (content types, sites).
    client.get(f"{page.url}results/")
    with django_assert_num_queries(RESULTS_PAGE_QUERIES):
        response = client.get(f"{page.url}results/")
    assert f"{responses} people sent answers." in response.content.decode()
