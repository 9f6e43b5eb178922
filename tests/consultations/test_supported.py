"""Supported responses: board staff or a named supporter enter answers for someone."""

import pytest
from django.test import Client

from consultations.models import Answer, Response, ResponseChannel
from consultations.services import question_results
from coproduction.members.models import Supporter
from tests.factories import answer_all

pytestmark = pytest.mark.django_db


def start_for(client, consultation, email, channel="phone", consent=True):
    data = {"member_email": email, "channel": channel}
    if consent:
        data["consent"] = "on"
    return client.post(f"{consultation.url}answer-for/", data)


def test_board_staff_enter_a_phone_response_that_counts_once(client, make_member, consultation):
    staff = make_member("staff@example.org", groups=["Board editors"])
    amina = make_member("amina@example.org", display_name="Amina")
    client.force_login(staff)
    assert start_for(client, consultation, "amina@example.org")["Location"] == f"{consultation.url}answer/"
    assert (
        "You are entering answers for <strong>Amina</strong>"
        in client.get(f"{consultation.url}answer/1/").content.decode()
    )
    answer_all(client, consultation)
    response = Response.objects.get(consultation=consultation)
    assert response.member == amina
    assert response.entered_by == staff
    assert response.channel == ResponseChannel.PHONE
    assert response.consent_recorded
    assert set(Answer.objects.filter(response=response).values_list("entered_by", flat=True)) == {staff.pk}
    assert not Response.objects.filter(member=staff).exists()
    assert sum(count for _l, count, _p in question_results(consultation)[0].rows) == 1


def test_consent_must_be_confirmed(client, make_member, consultation):
    client.force_login(make_member("staff@example.org", groups=["Board editors"]))
    make_member("amina@example.org")
    html = start_for(client, consultation, "amina@example.org", consent=False).content.decode()
    assert "Confirm the person agreed to you entering their answers" in html


def test_a_named_supporter_may_answer_only_for_their_member(client, make_member, consultation):
    amina = make_member("amina@example.org")
    make_member("declan@example.org")
    carer = make_member("carer@example.org")
    Supporter.objects.create(member=amina, supporter=carer)  # invited and accepted
    client.force_login(carer)
    html = start_for(client, consultation, "declan@example.org").content.decode()
    assert "You cannot answer for this person" in html
    assert start_for(client, consultation, "amina@example.org", channel="paper").status_code == 302
    answer_all(client, consultation)
    response = Response.objects.get(member=amina)
    assert response.entered_by == carer and response.channel == ResponseChannel.PAPER


def test_removing_a_supporter_stops_them_at_once(client, make_member, consultation):
    amina = make_member("amina@example.org")
    carer = make_member("carer@example.org")
    me = Client()
    me.force_login(amina)
    Supporter.objects.create(member=amina, supporter=carer)  # invited and accepted
    client.force_login(carer)
    start_for(client, consultation, "amina@example.org")
    supporter = amina.supporters.get()
    me.post("/account/supporters/", {"remove": supporter.pk})
    refused = client.post(f"{consultation.url}answer/5/", {"answer": "typed after removal"})
    assert refused.status_code == 403
    assert not Response.objects.filter(consultation=consultation).exists()
    # Afterwards the supporter is back to answering as themselves.
    assert client.get(f"{consultation.url}answer/1/").status_code == 200


def test_members_without_supporting_role_cannot_answer_for_others(client, make_member, consultation):
    make_member("amina@example.org")
    client.force_login(make_member("stranger@example.org"))
    assert client.get(f"{consultation.url}answer-for/").status_code == 403
    assert (
        client.post(
            f"{consultation.url}answer-for/",
            {"member_email": "amina@example.org", "channel": "phone", "consent": "on"},
        ).status_code
        == 403
    )


def test_supporter_form_errors(client, make_member, demo):
    amina = make_member("amina@example.org")
    client.force_login(amina)
    html = client.post("/account/supporters/", {"email": "amina@example.org"}).content.decode()
    assert "You cannot add yourself as your own supporter" in html
