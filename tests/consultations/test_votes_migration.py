"""Migration 0005 on a database that already holds repeated choices and sent responses."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from consultations.models import Answer, AnswerChoice
from tests.factories import make_consultation

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = ("consultations", "0004_live_session_permissions")
AFTER = ("consultations", "0005_votes")


def migrate(target):
    """Migrate the test database to `target` and return the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return MigrationExecutor(connection).loader.project_state([target]).apps


@pytest.fixture
def old_database(db):
    """The page and its questions, with the database taken back to before 0005."""
    page = make_consultation()
    questions = {q.kind: q for q in page.ordered_questions()}
    apps = migrate(BEFORE)
    yield page, questions, apps
    # Leave the database fully migrated for the tests that follow.
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def old_answer(apps, response, question, **fields):
    return apps.get_model("consultations", "Answer").objects.create(
        response_id=response.pk, question_id=question.pk, question_text=question.text, **fields
    )


def old_selection(apps, answer, choice, rank=None):
    return apps.get_model("consultations", "AnswerChoice").objects.create(
        answer_id=answer.pk, choice_id=choice.pk, choice_text=choice.text, rank=rank
    )


def old_response(apps, page, email, **fields):
    User = apps.get_model("members", "User")
    member = User.objects.create(email=email)
    return apps.get_model("consultations", "Response").objects.create(
        consultation_id=page.pk, member_id=member.pk, **fields
    )


def test_a_choice_repeated_five_times_is_folded_into_one(old_database):
    page, questions, apps = old_database
    response = old_response(apps, page, "amina@example.org", status="submitted")
    answer = old_answer(apps, response, questions["multiple"])
    captions, breaks = questions["multiple"].choices.all()[0], questions["multiple"].choices.all()[2]
    for _ in range(5):
        old_selection(apps, answer, captions)
    old_selection(apps, answer, breaks)
    migrate(AFTER)
    assert sorted(AnswerChoice.objects.filter(answer_id=answer.pk).values_list("choice_text", flat=True)) == [
        "Breaks",
        "Captions",
    ]


def test_two_items_at_one_position_are_renumbered_in_their_stored_order(old_database):
    page, questions, apps = old_database
    response = old_response(apps, page, "amina@example.org", status="submitted")
    answer = old_answer(apps, response, questions["ranking"])
    first, second, third = questions["ranking"].choices.all()
    old_selection(apps, answer, first, rank=1)
    old_selection(apps, answer, second, rank=1)
    old_selection(apps, answer, third, rank=2)
    migrate(AFTER)
    ranked = AnswerChoice.objects.filter(answer_id=answer.pk).order_by("rank")
    assert [(s.rank, s.choice_text) for s in ranked] == [
        (1, "Hearing back"),
        (2, "Good times"),
        (3, "Clear papers"),
    ]


def test_a_change_made_after_the_last_sending_stays_unsent(old_database):
    page, questions, apps = old_database
    sent_at = timezone.now() - timedelta(days=1)
    response = old_response(
        apps, page, "amina@example.org", status="submitted", submitted_at=sent_at, last_submitted_at=sent_at
    )
    rating = questions["rating"]
    sent = old_answer(apps, response, rating, rating=2, is_current=False)
    old_answer(apps, response, rating, rating=5)
    OldAnswer = apps.get_model("consultations", "Answer")
    OldAnswer.objects.filter(pk=sent.pk).update(created_at=sent_at - timedelta(hours=1))
    migrate(AFTER)
    assert list(Answer.objects.filter(is_sent=True).values_list("rating", flat=True)) == [2]


def test_responses_sent_without_a_sending_time_keep_counting_their_current_answers(old_database):
    page, questions, apps = old_database
    response = old_response(apps, page, "amina@example.org", status="submitted")
    current = old_answer(apps, response, questions["rating"], rating=4)
    migrate(AFTER)
    # Read as a value: the current model has fields that later migrations add.
    assert Answer.objects.values_list("is_sent", flat=True).get(pk=current.pk)
