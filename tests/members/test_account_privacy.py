"""Nobody can learn from our pages whether an address has an account, and email is rate limited."""

import base64
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from coproduction.members.models import SignUpLink, Supporter, SupporterInvitation, User
from tests.factories import signed_in
from tests.members.helpers import PASSWORD, link_in, sign_up

pytestmark = pytest.mark.django_db


def reset(client, email, ip="10.0.0.1"):
    return client.post("/account/password-reset/", {"email": email}, REMOTE_ADDR=ip)


def page_text(response, email=""):
    """The page, without the address typed or the form's one-off token, for comparing two pages."""
    html = response.content.decode().replace(email, "EMAIL")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


# Password reset -------------------------------------------------------------------------


def test_twelve_reset_requests_for_one_account_send_three_emails(make_member):
    make_member("amina@example.org", password=PASSWORD)
    client = Client()
    for n in range(12):
        # From several connections, so only the limit per account is at work.
        reset(client, "amina@example.org", ip=f"10.0.1.{n}")
    assert len(mail.outbox) == 3


def test_a_refused_reset_says_why_and_keeps_the_address():
    client = Client()
    for n in range(3):
        reset(client, "nobody@example.org", ip=f"10.0.1.{n}")
    refused = reset(client, "nobody@example.org", ip="10.0.1.9")
    html = refused.content.decode()
    assert (refused.status_code, 'value="nobody@example.org"' in html) == (429, True)
    assert "You have asked for a reset link for this email address 3 times in the last hour" in html


def test_reset_pages_read_the_same_for_an_address_with_and_without_an_account(make_member):
    make_member("amina@example.org", password=PASSWORD)
    pages = {}
    for email in ("amina@example.org", "nobody@example.org"):
        client = Client()
        pages[email] = [
            (r.status_code, r.get("Location"), page_text(r, email))
            for r in (reset(client, email, ip=f"10.0.2.{n}") for n in range(5))
        ]
    assert pages["amina@example.org"] == pages["nobody@example.org"]


@pytest.mark.parametrize(
    "ask, allowed, refusal",
    [
        (reset, 10, "too many requests to reset a password from your connection"),
        (sign_up, 20, "too many requests to create an account from your connection"),
    ],
    ids=["password reset", "sign-up"],
)
def test_one_connection_past_its_limit_of_email_requests_is_refused(ask, allowed, refusal):
    """Different addresses each time, so only the limit per connection can stop them."""
    client = Client()
    for n in range(allowed):
        assert ask(client, f"person{n}@example.org", ip="10.0.3.1").status_code == 302
    refused = ask(client, f"person{allowed}@example.org", ip="10.0.3.1")
    assert refused.status_code == 429
    assert refusal in refused.content.decode()


# Sign-up --------------------------------------------------------------------------------


def test_sign_up_for_an_existing_address_shows_the_same_page_as_for_a_new_one(make_member):
    make_member("amina@example.org", password=PASSWORD)
    seen = []
    for email in ("amina@example.org", "new.person@example.org"):
        response = Client().post("/account/sign-up/", {"email": email}, follow=True)
        seen.append((response.redirect_chain, page_text(response, email)))
    assert seen[0] == seen[1]


def test_sign_up_for_an_existing_address_emails_sign_in_and_reset_links(make_member):
    make_member("amina@example.org", password=PASSWORD)
    sign_up(Client(), "Amina@Example.org")
    message = mail.outbox[0]
    found = (
        message.to,
        message.subject,
        "/account/sign-in/" in message.body,
        "/account/password-reset/" in message.body,
    )
    assert found == (["amina@example.org"], "You already have an account on testserver", True, True)


def test_sign_up_for_an_existing_address_makes_no_second_account(make_member):
    make_member("amina@example.org", password=PASSWORD)
    sign_up(Client(), "amina@example.org")
    assert User.objects.filter(email="amina@example.org").count() == 1
    assert User.objects.get(email="amina@example.org").check_password(PASSWORD)


def test_a_sign_up_link_older_than_7_days_is_refused_with_a_way_on():
    client = Client()
    sign_up(client, "late@example.org")
    link = link_in(mail.outbox[0], "/account/sign-up/")
    SignUpLink.objects.update(created_at=timezone.now() - timedelta(days=7, minutes=1))
    response = client.get(link)
    html = response.content.decode()
    assert (response.status_code, "Ask for a new link" in html) == (400, True)


def test_a_sign_up_link_still_works_after_6_days():
    client = Client()
    sign_up(client, "slow@example.org")
    link = link_in(mail.outbox[0], "/account/sign-up/")
    SignUpLink.objects.update(created_at=timezone.now() - timedelta(days=6))
    assert client.get(link).status_code == 200


def test_the_sign_up_link_does_not_carry_the_email_address():
    sign_up(Client(), "private.person@example.org")
    token = link_in(mail.outbox[0], "/account/sign-up/").rstrip("/").rsplit("/", 1)[-1]
    decoded = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    assert b"private.person" not in decoded


def test_a_used_sign_up_link_no_longer_works_and_offers_sign_in():
    client = Client()
    sign_up(client, "jo@example.org")
    link = link_in(mail.outbox[0], "/account/sign-up/")
    details = {"display_name": "Jo", "password1": "a long enough phrase", "password2": "a long enough phrase"}
    client.post(link, details)
    again = Client().post(
        link, {**details, "password1": "another long phrase", "password2": "another long phrase"}
    )
    assert (again.status_code, 'href="/account/sign-in/"' in again.content.decode()) == (400, True)
    assert User.objects.get(email="jo@example.org").check_password("a long enough phrase")


def test_a_fourth_sign_up_request_for_one_address_is_refused_the_same_way_with_or_without_an_account(
    make_member,
):
    make_member("amina@example.org", password=PASSWORD)
    refusals = []
    for email in ("amina@example.org", "new.person@example.org"):
        client = Client()
        for n in range(3):
            sign_up(client, email, ip=f"10.0.4.{n}")
        refused = sign_up(client, email, ip="10.0.4.9")
        refusals.append((refused.status_code, page_text(refused, email)))
    assert refusals[0] == refusals[1]
    assert "You have asked us to email this address 3 times in the last hour" in refusals[0][1]


# Sign-in --------------------------------------------------------------------------------


def test_the_sixty_first_sign_in_attempt_from_one_connection_is_refused(make_member):
    make_member("amina@example.org", password=PASSWORD)
    client = Client()
    for n in range(60):
        # Different accounts, so the limit per account (axes) is not what stops it.
        client.post(
            "/account/sign-in/",
            {"username": f"guess{n}@example.org", "password": "x"},
            REMOTE_ADDR="10.0.6.1",
        )
    refused = client.post(
        "/account/sign-in/", {"username": "amina@example.org", "password": PASSWORD}, REMOTE_ADDR="10.0.6.1"
    )
    html = refused.content.decode()
    assert (refused.status_code, 'value="amina@example.org"' in html) == (429, True)
    assert "too many attempts to sign in from your connection" in html


# Supporters -----------------------------------------------------------------------------


def invite(client, email):
    return client.post("/account/supporters/", {"email": email}, follow=True)


def test_adding_a_supporter_reads_the_same_whether_or_not_they_have_an_account(make_member):
    make_member("carer@example.org")
    seen = []
    for n, email in enumerate(["carer@example.org", "nobody@example.org"]):
        client = signed_in(make_member(f"member{n}@example.org", display_name="Amina"))
        html = page_text(invite(client, email), email).replace(f"member{n}@", "MEMBER@")
        seen.append(re.sub(r'name="withdraw" value="\d+"', "", html))  # each invitation's own number
    assert seen[0] == seen[1]
    assert [m.to for m in mail.outbox] == [["carer@example.org"], ["nobody@example.org"]]


def test_an_invited_supporter_acts_for_the_member_once_they_accept(make_member):
    amina = make_member("amina@example.org", display_name="Amina")
    carer = make_member("carer@example.org")
    me = signed_in(amina)
    invite(me, "carer@example.org")
    assert not Supporter.objects.exists()
    link = link_in(mail.outbox[0], "/account/supporters/accept/")
    them = signed_in(carer)
    assert "Amina has asked you to be their supporter" in them.get(link).content.decode()
    them.post(link)
    assert list(Supporter.objects.values_list("member", "supporter")) == [(amina.pk, carer.pk)]


def test_an_invitation_cannot_be_accepted_by_another_account(make_member):
    amina = make_member("amina@example.org")
    make_member("carer@example.org")
    stranger = make_member("stranger@example.org")
    me = signed_in(amina)
    invite(me, "carer@example.org")
    link = link_in(mail.outbox[0], "/account/supporters/accept/")
    other = signed_in(stranger)
    assert other.post(link).status_code == 403
    assert not Supporter.objects.exists()


def test_the_eleventh_invitation_in_an_hour_is_refused_with_a_message(make_member):
    amina = make_member("amina@example.org")
    client = signed_in(amina)
    for n in range(10):
        invite(client, f"person{n}@example.org")
    refused = client.post("/account/supporters/", {"email": "person10@example.org"})
    assert refused.status_code == 429
    assert "You have sent 10 invitations in the last hour" in refused.content.decode()
    assert len(mail.outbox) == 10


def test_a_withdrawn_invitation_can_no_longer_be_accepted(make_member):
    amina = make_member("amina@example.org")
    carer = make_member("carer@example.org")
    me = signed_in(amina)
    invite(me, "carer@example.org")
    link = link_in(mail.outbox[0], "/account/supporters/accept/")
    me.post("/account/supporters/", {"withdraw": SupporterInvitation.objects.get().pk})
    them = signed_in(carer)
    assert them.post(link).status_code == 400
    assert not Supporter.objects.exists()


def test_deleting_an_account_removes_invitations_sent_to_its_address(make_member):
    amina = make_member("amina@example.org")
    carer = make_member("carer@example.org", password=PASSWORD)
    me = signed_in(amina)
    invite(me, "carer@example.org")
    them = signed_in(carer)
    them.post("/account/delete/", {"password": PASSWORD, "confirm": "on"})
    assert not SupporterInvitation.objects.exists()


def test_a_garbled_remove_or_withdraw_button_changes_nothing(make_member):
    amina = make_member("amina@example.org")
    client = signed_in(amina)
    invite(client, "carer@example.org")
    answers = [
        client.post("/account/supporters/", {name: "1x"}).status_code for name in ("remove", "withdraw")
    ]
    assert (answers, SupporterInvitation.objects.count()) == ([302, 302], 1)
