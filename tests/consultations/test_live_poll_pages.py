"""Live polls without JavaScript: the chair's console and the member's page, as form posts."""

import pytest

from consultations.models import Answer, LivePoll, Question
from consultations.services import question_results
from tests.consultations.live_poll_helpers import open_poll, post, running_session
from tests.factories import make_consultation, make_live_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(make_member):
    return running_session(make_member)


def test_the_chair_opens_a_quick_poll_and_a_member_votes_and_changes_it_by_form_post(setup):
    page, session, chair, member = setup
    console = chair.get(page.url_for("chair_console", session.pk)).content.decode()
    assert "Open the quick poll" in console and "Open this question as a poll" in console
    response = post(
        chair,
        page,
        session,
        {"type": "open_quick_poll", "text": "Is this room comfortable?", "option_1": "Yes", "option_2": "No"},
        chair=True,
    )
    assert "The quick poll is open. Members can vote now." in response.content.decode()
    poll = LivePoll.objects.get(session=session)
    yes, no = poll.question.choices.order_by("sort_order")
    live_page = member.get(page.url_for("live_page", session.pk)).content.decode()
    assert "Is this room comfortable?" in live_page and "Send my vote" in live_page
    assert "The chair will share the results." in live_page  # no counts until the chair shows them

    response = post(member, page, session, {"type": "vote", "poll_id": poll.pk, "answer": yes.pk})
    assert "Your vote is counted." in response.content.decode()
    post(member, page, session, {"type": "vote", "poll_id": poll.pk, "answer": no.pk})
    result = next(r for r in question_results(page) if r.question.pk == poll.question.pk)
    assert (result.answered, result.live_votes, [row[1] for row in result.rows]) == (1, 1, [0, 1])
    # The form shows the member's vote ticked, and the chair's console shows the counts in words.
    assert (
        f'value="{no.pk}" id="poll-{poll.pk}-2" checked'
        in member.get(page.url_for("live_page", session.pk)).content.decode()
    )
    console = chair.get(page.url_for("chair_console", session.pk)).content.decode()
    assert "1 of 1 chose \u201cNo\u201d" in console


def test_a_multiple_choice_vote_sends_every_ticked_box(setup):
    page, session, chair, member = setup
    question = page.ordered_questions()[1]
    poll = open_poll(chair, page, session, question)
    first, second = list(question.choices.all())[:2]
    response = member.post(
        page.url_for("live_action", session.pk),
        {"type": "vote", "id": "multi-1", "poll_id": poll.pk, "answer": [first.pk, second.pk]},
        follow=True,
    )
    assert "Your vote is counted." in response.content.decode()
    answer = Answer.objects.get(question=question, is_sent=True)
    assert sorted(answer.chosen()) == sorted([first.text, second.text])


def test_a_refused_quick_poll_keeps_what_was_typed_and_stores_nothing(setup):
    page, session, chair, _member = setup
    long_text = "x" * 100_000
    response = post(
        chair,
        page,
        session,
        {"type": "open_quick_poll", "text": long_text, "option_1": "Yes\x00", "option_2": "No"},
        chair=True,
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "The poll question must be 300 characters or fewer." in text
    assert "Option 1 had characters that cannot be used" in text
    assert 'class="error-summary"' in text and 'value="No"' in text
    assert not Question.objects.filter(live_quick_poll=True).exists()


def test_members_cannot_run_polls_by_form_post(setup):
    page, session, chair, member = setup
    response = post(
        member, page, session, {"type": "open_poll", "question_id": page.ordered_questions()[0].pk}
    )
    assert response.status_code == 403
    assert not LivePoll.objects.exists()


def test_a_vote_for_a_poll_of_another_session_is_refused(setup, make_member):
    page, session, chair, member = setup
    other = make_live_session(make_consultation(title="Elsewhere"), make_member("other-chair@example.org"))
    question = other.host.specific.ordered_questions()[0]
    foreign = LivePoll.objects.create(session=other, question=question)
    response = post(
        member, page, session, {"type": "vote", "poll_id": foreign.pk, "answer": question.choices.first().pk}
    )
    assert response.status_code == 400
    assert "There is no such poll in this session." in response.content.decode()
    assert not Answer.objects.exists()


QUICK_POLL = {
    "type": "open_quick_poll",
    "text": "Is this room comfortable?",
    "option_1": "Yes",
    "option_2": "No",
}
QUICK_POLL_FIELDS = {"text": "The poll question", **{f"option_{n}": f"Option {n}" for n in range(1, 7)}}


@pytest.mark.parametrize("field", list(QUICK_POLL_FIELDS))
@pytest.mark.parametrize(
    "case, value, words",
    [
        ("NUL", "Jo\x00 Bloggs", "had characters that cannot be used"),
        ("escape", "Jo\x1b[31m Bloggs", "had characters that cannot be used"),
        ("100,000 characters", "x" * 100_000, "must be"),
    ],
)
def test_bad_text_in_a_quick_poll_is_refused_by_name_and_stores_nothing(setup, field, case, value, words):
    page, session, chair, _member = setup
    response = post(chair, page, session, {**QUICK_POLL, field: value}, chair=True)
    text = response.content.decode()
    assert response.status_code == 400
    assert f"{QUICK_POLL_FIELDS[field]} {words}" in text
    assert not LivePoll.objects.exists() and not Question.objects.filter(live_quick_poll=True).exists()


@pytest.mark.parametrize(
    "case, answer, words",
    [
        ("NUL", "1\x00", "Choose one of the answers listed"),
        ("100,000 characters", "1" * 100_000, "Choose one of the answers listed"),
        ("nothing", "", "Choose an answer"),
    ],
)
def test_a_bad_vote_by_form_post_is_refused_with_the_kinds_words(setup, case, answer, words):
    page, session, chair, member = setup
    poll = open_poll(chair, page, session, page.ordered_questions()[0])
    response = post(member, page, session, {"type": "vote", "poll_id": poll.pk, "answer": answer})
    assert response.status_code == 400
    assert words in response.content.decode()
    assert not Answer.objects.exists()


def test_a_vote_naming_its_poll_twice_is_refused_whole(setup):
    page, session, chair, member = setup
    question = page.ordered_questions()[0]
    poll = open_poll(chair, page, session, question)
    response = member.post(
        page.url_for("live_action", session.pk),
        {"type": "vote", "id": "twice", "poll_id": [poll.pk, poll.pk], "answer": question.choices.first().pk},
    )
    assert response.status_code == 400
    assert "more than one \u201cpoll_id\u201d" in response.content.decode()
    assert not Answer.objects.exists()


def test_a_live_vote_is_in_the_members_download_of_their_data(setup):
    page, session, chair, member = setup
    question = page.ordered_questions()[0]
    poll = open_poll(chair, page, session, question)
    post(member, page, session, {"type": "vote", "poll_id": poll.pk, "answer": question.choices.first().pk})
    data = member.get("/account/my-data.json").json()
    answers = [a for r in data["consultation_responses"] for a in r["answers"]]
    assert [(a["question"], a["choices"], a["voted_in_a_live_poll"]) for a in answers] == [
        (question.text, [question.choices.first().text], True)
    ]
