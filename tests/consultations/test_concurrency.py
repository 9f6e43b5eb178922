"""Many people, or one person in many tabs, sending at the same instant (PostgreSQL only)."""

from django.core import mail
from django.test import Client

from consultations.models import Answer, Response, ResponseStatus
from tests.concurrency import POSTGRESQL_CONCURRENCY, run_at_once
from tests.factories import choice_id, make_consultation, valid_answers

pytestmark = POSTGRESQL_CONCURRENCY


def test_fifty_members_starting_and_sending_at_once_make_fifty_responses(make_member):
    page = make_consultation()
    clients = []
    for n in range(50):
        client = Client()
        client.force_login(make_member(f"member{n}@example.org"))
        clients.append(client)
    outcomes = []
    # All fifty start at the same instant: each first answer creates that member's response.
    for number, data in valid_answers(page).items():
        outcomes.append(run_at_once(clients, f"{page.url}answer/{number}/", data))
    # Then all fifty send at the same instant.
    outcomes.append(run_at_once(clients, f"{page.url}answer/check/", {"publish_consent": "on"}))
    sent = Response.objects.filter(consultation=page, status=ResponseStatus.SUBMITTED).count()
    assert (outcomes, sent, len(mail.outbox)) == ([([302] * 50, [])] * 6, 50, 50)


def test_one_member_in_ten_tabs_makes_one_response(make_member):
    page = make_consultation()
    member = make_member("amina@example.org")
    clients = []
    for _ in range(10):
        client = Client()
        client.force_login(member)
        clients.append(client)

    # Ten tabs save the first answer before any response exists.
    statuses, errors = run_at_once(clients, f"{page.url}answer/1/", {"answer": choice_id(page, 1, "Online")})
    assert errors == [] and statuses == [302] * 10
    assert Response.objects.filter(consultation=page).count() == 1
    assert Answer.objects.filter(response__member=member, is_current=True).count() == 1

    for number, data in list(valid_answers(page).items())[1:]:
        assert clients[0].post(f"{page.url}answer/{number}/", data).status_code == 302

    # Ten tabs send at once: one response, one receipt, no server error.
    statuses, errors = run_at_once(clients, f"{page.url}answer/check/", {"publish_consent": "on"})
    assert errors == [] and statuses == [302] * 10
    assert Response.objects.filter(consultation=page, status=ResponseStatus.SUBMITTED).count() == 1
    assert len(mail.outbox) == 1
