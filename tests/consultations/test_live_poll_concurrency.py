"""Twenty members voting in one live poll at the same instant (PostgreSQL only)."""

from django.test import Client

from consultations.models import Answer, LivePoll
from consultations.services import question_results
from tests.concurrency import POSTGRESQL_CONCURRENCY, run_at_once
from tests.factories import make_consultation, make_live_session

pytestmark = POSTGRESQL_CONCURRENCY


def test_twenty_members_voting_at_once_make_twenty_answers_none_lost(make_member):
    page = make_consultation()
    session = make_live_session(page, make_member("chair@example.org"))
    session.state = "live"
    session.save()
    question = page.ordered_questions()[0]
    poll = LivePoll.objects.create(session=session, question=question)
    online = question.choices.get(text="Online")
    clients = []
    for n in range(20):
        client = Client()
        client.force_login(make_member(f"voter{n}@example.org"))
        clients.append(client)
    statuses, errors = run_at_once(
        clients,
        page.url_for("live_action", session.pk),
        {"type": "vote", "id": "vote-1", "poll_id": poll.pk, "answer": online.pk},
    )
    assert (sorted(statuses), errors) == ([302] * 20, [])
    assert Answer.objects.filter(question=question, is_sent=True, cast_live=True).count() == 20
    result = next(r for r in question_results(page) if r.question.pk == question.pk)
    assert (result.answered, dict((label, count) for label, count, _p in result.rows)["Online"]) == (20, 20)
