"""A live vote is a normal answer: it counts in the export, the themes and the number who answered,
and a quick poll keeps its question and votes whatever revision of the page is published."""

import csv
import io

import pytest
from django.test import Client

from consultations.models import Answer, LivePoll, Question, Theme
from consultations.services import question_results, theme_counts
from tests.consultations.live_poll_helpers import post, running_session
from tests.factories import signed_in

pytestmark = pytest.mark.django_db

QUICK = "Is the room warm enough?"


@pytest.fixture
def setup(make_member):
    return running_session(make_member, results_published=True)


def open_and_vote(page, session, chair, member, choice="Yes"):
    """The chair opens a quick poll by form post and the member votes in it; the poll is returned."""
    post(
        chair,
        page,
        session,
        {"type": "open_quick_poll", "text": QUICK, "option_1": "Yes", "option_2": "No"},
        chair=True,
    )
    poll = LivePoll.objects.get(session=session)
    chosen = poll.question.choices.get(text=choice)
    response = post(member, page, session, {"type": "vote", "poll_id": poll.pk, "answer": chosen.pk})
    assert "Your vote is counted." in response.content.decode()
    return poll


def quick_poll_counts(page):
    result = next((r for r in question_results(page) if r.question.text == QUICK), None)
    return None if result is None else {label: count for label, count, _percent in result.rows}


def exported(page, make_member):
    editor = signed_in(make_member("editor@example.org", groups=["Board editors"]))
    return list(csv.DictReader(io.StringIO(editor.get(f"/admin/consultations/{page.pk}/export.csv").text)))


def test_publishing_an_older_revision_keeps_the_quick_poll_and_its_votes(setup):
    page, session, chair, member = setup
    older = page.latest_revision
    poll = open_and_vote(page, session, chair, member)

    older.publish()

    assert Question.objects.filter(pk=poll.question_id, page=page).exists()
    assert quick_poll_counts(page) == {"Yes": 1, "No": 0}
    assert QUICK in [q.text for q in page.specific_class.objects.get(pk=page.pk).ordered_questions()]


def test_reverting_to_an_older_revision_and_editing_keeps_the_quick_poll_and_its_votes(setup):
    page, session, chair, member = setup
    older = page.latest_revision
    poll = open_and_vote(page, session, chair, member)

    # What the admin's revert does: the page as the revision has it, saved as a new revision.
    reverted = older.as_object()
    reverted.title = "Taking part in meetings (corrected)"
    reverted.save_revision().publish()

    question = Question.objects.get(pk=poll.question_id)
    assert question.page_id == page.pk
    assert [c.text for c in question.choices.order_by("sort_order")] == ["Yes", "No"]
    assert quick_poll_counts(page) == {"Yes": 1, "No": 0}
    assert Answer.objects.get(question=question, is_sent=True).cast_live


def test_a_member_who_only_voted_live_is_counted_as_having_answered(setup):
    page, session, chair, member = setup
    results = page.url_for("results")
    assert "0 people sent answers." in Client().get(results).content.decode()
    open_and_vote(page, session, chair, member)
    assert "1 person sent answers." in Client().get(results).content.decode()


def test_a_live_vote_is_a_row_of_the_export(setup, make_member):
    page, session, chair, member = setup
    open_and_vote(page, session, chair, member, choice="No")
    rows = exported(page, make_member)
    assert len(rows) == 1
    question_heading = next(heading for heading in rows[0] if heading.endswith(QUICK))
    assert rows[0][question_heading] == "No"
    assert rows[0]["Voted in a live poll"] == "yes"
    assert rows[0]["Submitted at"]  # the time of the vote


def test_a_theme_counts_a_live_vote_tagged_with_it(setup):
    page, session, chair, member = setup
    poll = open_and_vote(page, session, chair, member)
    theme = Theme.objects.create(consultation=page, name="Comfort in the room")
    theme.answers.add(Answer.objects.get(question=poll.question, is_sent=True))
    assert [(t.name, t.count) for t in theme_counts(page)] == [("Comfort in the room", 1)]
