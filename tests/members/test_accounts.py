"""Sign up, sign in (with its limits), password reset, profile, my data, deleting an account."""

import json
import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client
from django.utils import timezone

from coproduction.members.models import Profile, User
from tests.factories import make_home_page
from tests.members.helpers import PASSWORD, finish_sign_up, sign_in, sign_up_link

pytestmark = pytest.mark.django_db


def test_sign_up_creates_a_member_and_signs_them_in(client):
    link = sign_up_link(client, "Jo.Bloggs@Example.org")
    assert "jo.bloggs@example.org" in client.get(link).content.decode()
    response = finish_sign_up(client, link)
    assert response["Location"] == "/account/profile/"
    user = User.objects.get(email="jo.bloggs@example.org")
    assert user.profile.display_name == "Jo"
    assert client.get("/account/profile/").status_code == 200


def test_sign_up_email_errors_are_specific_and_keep_what_was_typed(client):
    html = client.post("/account/sign-up/", {"email": "jo.example.org"}).content.decode()
    assert "There is a problem" in html
    assert (
        '<a href="#id_email">Enter an email address in the correct format, like name@example.com</a>' in html
    )
    assert 'value="jo.example.org"' in html


def test_sign_up_errors_are_specific_and_keep_what_was_typed(client):
    link = sign_up_link(client, "sam@example.org")
    response = finish_sign_up(client, link, display_name="Sam Okafor", password2="a different phrase")
    html = response.content.decode()
    assert "There is a problem" in html
    assert '<a href="#id_password2">The two passwords do not match</a>' in html
    assert 'value="Sam Okafor"' in html
    assert 'value="Castlebridge Carers"' in html
    assert "a long enough phrase" not in html  # passwords are never echoed back
    assert 'aria-describedby="id_password2-error"' in html


def test_sign_in_with_the_right_password(client, make_member):
    make_member("amina@example.org", password=PASSWORD)
    response = sign_in(client, "AMINA@example.org", PASSWORD)
    assert response.status_code == 302
    assert client.get("/account/profile/").status_code == 200


def test_wrong_password_shows_the_error_summary_and_keeps_the_email(client, make_member):
    make_member("amina@example.org", password=PASSWORD)
    html = sign_in(client, "amina@example.org", "wrong").content.decode()
    assert "There is a problem" in html
    assert "The email address or password is not right" in html
    assert 'value="amina@example.org"' in html


def test_repeated_failures_cool_off_that_account_from_that_address_only(make_member):
    make_member("amina@example.org", password=PASSWORD)
    guesser = Client()
    for attempt in range(5):
        # Changing the capitals does not buy more guesses.
        email = "Amina@Example.org" if attempt % 2 else "amina@example.org"
        sign_in(guesser, email, "wrong", ip="10.0.0.9")
    locked = sign_in(guesser, "amina@example.org", PASSWORD, ip="10.0.0.9")
    assert locked.status_code == 429
    assert "Wait 15 minutes, then try again" in locked.content.decode()

    # The real member, elsewhere, is not locked out by someone guessing their email.
    assert sign_in(Client(), "amina@example.org", PASSWORD, ip="10.0.0.2").status_code == 302
    # Nor is another account from the guessing address.
    make_member("declan@example.org", password=PASSWORD)
    assert sign_in(Client(), "declan@example.org", PASSWORD, ip="10.0.0.9").status_code == 302


def test_cool_off_ends_by_itself_after_15_minutes(make_member):
    make_member("amina@example.org", password=PASSWORD)
    client = Client()
    for _ in range(5):
        sign_in(client, "amina@example.org", "wrong")
    assert sign_in(client, "amina@example.org", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert sign_in(client, "amina@example.org", PASSWORD).status_code == 302


def test_sign_out_needs_a_post_and_ends_the_session(client, make_member):
    client.force_login(make_member())
    assert client.get("/account/sign-out/").status_code == 405
    client.post("/account/sign-out/")
    assert client.get("/account/profile/").status_code == 302


def test_password_reset_by_email_link(client, make_member):
    make_member("amina@example.org", password=PASSWORD)
    client.post("/account/password-reset/", {"email": "amina@example.org"})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/account/password-reset/\S+/)", mail.outbox[0].body).group(1)
    set_password_page = client.get(link, follow=True)
    form_url = set_password_page.redirect_chain[-1][0]
    client.post(form_url, {"new_password1": "a new long phrase", "new_password2": "a new long phrase"})
    assert User.objects.get(email="amina@example.org").check_password("a new long phrase")


def test_password_reset_for_an_unknown_address_sends_nothing_and_reveals_nothing(client):
    response = client.post("/account/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_profile_edit_saves_and_checks_contact_details(client, make_member):
    member = make_member("amina@example.org")
    client.force_login(member)
    response = client.post(
        "/account/profile/edit/",
        {
            "display_name": "Amina F",
            "preferred_contact": "text",
            "phone": "",
            "communication_needs": ["easy_read", "bsl"],
            "other_language": "Somali",
        },
    )
    html = response.content.decode()
    assert '<a href="#id_phone">Enter a phone number, so we can phone or text you</a>' in html
    assert 'value="Somali"' in html
    assert re.search(r'value="bsl"[^>]*checked', html)

    client.post(
        "/account/profile/edit/",
        {
            "display_name": "Amina F",
            "preferred_contact": "text",
            "phone": "07700 900 123",
            "communication_needs": ["easy_read", "bsl"],
            "other_language": "Somali",
        },
    )
    profile = Profile.objects.get(user=member)
    assert profile.communication_needs == ["easy_read", "bsl"]
    assert profile.phone == "07700 900 123"


def test_download_my_data_gives_the_members_own_data_only(client, make_member):
    amina = make_member("amina@example.org", other_language="Somali", communication_needs=["bsl"])
    make_member("declan@example.org", other_language="Irish", communication_needs=["audio"])
    client.force_login(amina)
    response = client.get("/account/my-data.json")
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    data = json.loads(response.content)
    assert data["account"]["email"] == "amina@example.org"
    assert data["profile"]["communication_needs"] == ["bsl"]
    assert "declan" not in response.content.decode()
    assert "Irish" not in response.content.decode()


def test_anonymous_visitors_cannot_see_profiles_or_data(client, make_member):
    make_member("amina@example.org", other_language="Somali")
    for path in ("/account/profile/", "/account/profile/edit/", "/account/my-data.json", "/account/delete/"):
        response = client.get(path)
        assert response.status_code == 302 and "/account/sign-in/" in response["Location"], path


def test_delete_account_needs_the_password_and_a_tick(client, make_member):
    member = make_member("amina@example.org", password=PASSWORD)
    client.force_login(member)
    html = client.post("/account/delete/", {"password": "wrong"}).content.decode()
    assert '<a href="#id_password">The password is not right</a>' in html
    assert '<a href="#id_confirm">Tick the box to confirm you want to delete your account</a>' in html
    assert User.objects.filter(pk=member.pk).exists()


def test_delete_account_removes_the_personal_data(client, make_member):
    make_home_page()  # where the person lands after deleting
    member = make_member("amina@example.org", password=PASSWORD, other_language="Somali")
    sign_in(Client(), "amina@example.org", "wrong")
    assert AccessAttempt.objects.filter(username="amina@example.org").exists()
    client.force_login(member)
    response = client.post("/account/delete/", {"password": PASSWORD, "confirm": "on"}, follow=True)
    assert "Your account and your personal information have been deleted." in response.content.decode()
    assert not User.objects.filter(email="amina@example.org").exists()
    assert not Profile.objects.filter(other_language="Somali").exists()
    assert not AccessAttempt.objects.filter(username="amina@example.org").exists()


def test_display_preferences_chosen_before_signing_up_stay_with_the_new_member(client):
    client.cookies["display_preferences"] = json.dumps({"text_size": "150", "contrast": "dark"})
    link = sign_up_link(client, "new.member@example.org")
    # The link is opened in another browser (an email app's), without the cookie.
    other_browser = Client()
    other_browser.post(
        link,
        {
            "display_name": "New Member",
            "password1": "a long enough phrase",
            "password2": "a long enough phrase",
        },
    )
    profile = Profile.objects.get(user__email="new.member@example.org")
    assert (profile.text_size, profile.contrast) == ("150", "dark")
    html = other_browser.get("/account/profile/").content.decode()
    assert re.search(r'<html lang="en-GB" class="[^"]*text-150', html)
