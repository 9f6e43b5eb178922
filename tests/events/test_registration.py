"""Registering access first: from the profile, saved back, changed, cancelled; the waiting list."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from coproduction.members.models import Profile
from events.models import Registration, RegistrationStatus
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db


def signed_in(member):
    client = Client()
    client.force_login(member)
    return client


REGISTRATION = {
    "attendance_mode": "in_person",
    "access_requirements": ["bsl", "step_free"],
    "other_access_requirements": "A chair with arms, please.",
    "dietary_needs": "Vegetarian",
    "brings_supporter": "on",
    "contact_consent": "on",
}


def test_registering_with_access_requirements_gives_a_place_a_confirmation_and_an_email_with_the_ics(
    make_member, django_capture_on_commit_callbacks
):
    event = make_event()
    member = make_member("amina@example.org", display_name="Amina")
    client = signed_in(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event.url_for("register"), REGISTRATION)

    assert response.status_code == 302 and response["Location"] == event.url_for("registered")
    registration = Registration.objects.get(event=event, member=member)
    assert registration.status == RegistrationStatus.REGISTERED
    assert registration.access_requirements == ["bsl", "step_free"]
    assert registration.other_access_requirements == "A chair with arms, please."
    assert registration.brings_supporter and registration.contact_consent
    page = client.get(response["Location"]).content.decode()
    assert "You are registered" in page
    assert "We have sent an email to amina@example.org." in page
    assert "The email has a calendar file." in page
    (email,) = mail.outbox
    assert email.to == ["amina@example.org"] and event.title in email.subject
    assert "British Sign Language (BSL) interpreter" in email.body
    (filename, content, mimetype) = email.attachments[0]
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    calendar = Calendar.from_ical(content)
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == event.title
    assert event.joining_link in str(vevent["DESCRIPTION"])


def test_the_form_starts_from_the_profile_communication_needs(make_member):
    event = make_event()
    member = make_member(
        "declan@example.org", communication_needs=["bsl", "audio"], other_communication_needs="Plain English"
    )
    page = signed_in(member).get(event.url_for("register")).content.decode()

    assert 'value="bsl" id="id_access_requirements_0" checked' in page.replace("\n", "") or (
        'name="access_requirements" value="bsl"' in page and "checked" in page.split('value="bsl"')[1][:80]
    )
    assert "Plain English</textarea>" in page


def test_saving_back_to_the_profile_keeps_needs_the_event_does_not_ask_about(make_member):
    event = make_event()
    member = make_member("declan@example.org", communication_needs=["bsl", "audio"])
    data = {**REGISTRATION, "access_requirements": ["easy_read", "captions"], "save_to_profile": "on"}
    data["other_access_requirements"] = "Papers a week before"

    signed_in(member).post(event.url_for("register"), data)

    profile = Profile.objects.get(user=member)
    assert sorted(profile.communication_needs) == ["audio", "easy_read"]
    assert profile.other_communication_needs == "Papers a week before"


def test_without_save_back_the_profile_is_unchanged(make_member):
    event = make_event()
    member = make_member("declan@example.org", communication_needs=["bsl"])
    signed_in(member).post(event.url_for("register"), {**REGISTRATION, "access_requirements": ["captions"]})
    assert Profile.objects.get(user=member).communication_needs == ["bsl"]


def test_changing_a_registration_keeps_the_place_and_saves_the_new_answers(make_member):
    event = make_event(capacity=1)
    member = make_member("amina@example.org")
    client = signed_in(member)
    client.post(event.url_for("register"), REGISTRATION)

    page = client.get(event.url_for("register")).content.decode()
    assert "You are already registered for this event" in page
    response = client.post(event.url_for("register"), {**REGISTRATION, "access_requirements": ["quiet_room"]})

    assert response.status_code == 302
    (registration,) = Registration.objects.filter(event=event, member=member)
    assert registration.access_requirements == ["quiet_room"]
    assert registration.status == RegistrationStatus.REGISTERED


def test_my_events_lists_the_registration_with_change_and_cancel(make_member):
    event = make_event()
    member = make_member("amina@example.org")
    client = signed_in(member)
    client.post(event.url_for("register"), REGISTRATION)

    page = client.get("/my-events/").content.decode()

    assert event.title in page and "You have a place" in page
    assert event.url_for("register") in page and event.url_for("cancel_registration") in page


def test_cancelling_gives_the_place_to_the_first_person_waiting_and_emails_them(
    make_member, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    first, second, third = (make_member(f"person{n}@example.org") for n in range(3))
    for person in (first, second, third):
        signed_in(person).post(event.url_for("register"), REGISTRATION)
    assert [r.status for r in Registration.objects.filter(event=event).order_by("position")] == [
        "registered",
        "waitlisted",
        "waitlisted",
    ]
    assert "number 2" in signed_in(third).get(event.url).content.decode()
    mail.outbox.clear()

    client = signed_in(first)
    assert "Cancel my registration" in client.get(event.url_for("cancel_registration")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event.url_for("cancel_registration"))

    assert response.status_code == 302 and response["Location"] == "/my-events/"
    statuses = {r.member.email: r.status for r in Registration.objects.filter(event=event)}
    assert statuses == {
        "person0@example.org": "cancelled",
        "person1@example.org": "registered",
        "person2@example.org": "waitlisted",
    }
    (email,) = mail.outbox
    assert email.to == ["person1@example.org"] and "A place is free" in email.subject
    assert email.attachments[0][0].endswith(".ics")
    assert "number 1" in signed_in(third).get(event.url).content.decode()


def test_a_supporter_does_not_take_a_place(make_member):
    event = make_event(capacity=2)
    for n in range(2):
        signed_in(make_member(f"person{n}@example.org")).post(
            event.url_for("register"), {**REGISTRATION, "brings_supporter": "on"}
        )
    assert Registration.objects.filter(event=event, status=RegistrationStatus.REGISTERED).count() == 2
    third = make_member("third@example.org")
    signed_in(third).post(event.url_for("register"), REGISTRATION)
    assert Registration.objects.get(member=third).status == RegistrationStatus.WAITLISTED


def test_registering_after_the_deadline_says_when_it_closed(make_member):
    starts = timezone.now() + timedelta(days=2)
    event = make_event(starts_at=starts, registration_deadline=starts - timedelta(days=3))
    client = signed_in(make_member())

    response = client.post(event.url_for("register"), REGISTRATION)

    assert response.status_code == 200
    assert "Registration closed on" in response.content.decode()
    assert not Registration.objects.exists()


def test_registering_for_a_past_event_says_it_has_finished(make_member):
    event = make_event(starts_in=timedelta(days=-3))
    response = signed_in(make_member()).post(event.url_for("register"), REGISTRATION)
    assert "This event has finished" in response.content.decode()
    assert not Registration.objects.exists()


def test_registering_twice_in_one_moment_makes_one_registration(make_member):
    from events import services

    event = make_event()
    member = make_member()
    services.register(event, member, {"attendance_mode": "online"})
    with pytest.raises(services.RegistrationRefused, match="already registered"):
        services.register(event, member, {"attendance_mode": "online"})
    assert Registration.objects.filter(event=event).count() == 1


def test_a_visitor_is_asked_to_sign_in_first():
    event = make_event()
    response = Client().get(event.url_for("register"))
    assert response.status_code == 302 and "/account/sign-in/" in response["Location"]


def test_a_hybrid_event_asks_how_you_will_take_part(make_member):
    event = make_event()
    response = signed_in(make_member()).post(event.url_for("register"), {})
    assert "Choose how you will take part" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_registration_cannot_change_once_the_event_has_finished(make_member):
    from events import services

    event = make_event(starts_in=timedelta(days=-2), registration_deadline=timezone.now() - timedelta(days=3))
    registration = Registration.objects.create(
        event=event, member=make_member(), status="registered", position=1, attendance_mode="online"
    )
    client = signed_in(registration.member)
    response = client.post(event.url_for("register"), {**REGISTRATION, "access_requirements": ["bsl"]})
    assert "This event has finished" in response.content.decode()
    registration.refresh_from_db()
    assert registration.access_requirements == []
    with pytest.raises(services.RegistrationRefused):
        services.change(registration, {"dietary_needs": "None"})


def _fill_with_waiting_list(event, people):
    for person in people:
        signed_in(person).post(event.url_for("register"), REGISTRATION)


def test_raising_the_capacity_gives_the_new_places_to_those_waiting_in_order_and_emails_them(
    make_member, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    people = [make_member(f"person{n}@example.org") for n in range(4)]
    _fill_with_waiting_list(event, people)
    mail.outbox.clear()

    event.capacity = 3
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()

    statuses = [r.status for r in Registration.objects.filter(event=event).order_by("position")]
    assert statuses == ["registered", "registered", "registered", "waitlisted"]
    assert sorted(email.to[0] for email in mail.outbox) == ["person1@example.org", "person2@example.org"]
    assert all("A place is free" in email.subject for email in mail.outbox)


def test_a_newcomer_never_takes_a_free_place_ahead_of_someone_waiting(make_member):
    event = make_event(capacity=1)
    first, waiting = make_member("first@example.org"), make_member("waiting@example.org")
    _fill_with_waiting_list(event, [first, waiting])
    # A capacity raised without publishing (a data fix) still leaves the place to the person waiting.
    type(event).objects.filter(pk=event.pk).update(capacity=2)

    _fill_with_waiting_list(event, [make_member("newcomer@example.org")])

    statuses = {r.member.email: r.status for r in Registration.objects.filter(event=event)}
    assert statuses == {
        "first@example.org": "registered",
        "waiting@example.org": "registered",
        "newcomer@example.org": "waitlisted",
    }


MAIL_DOWN = "tests.events.failing_mail.UnreachableMailServer"


def test_when_the_mail_server_fails_the_person_still_sees_their_confirmation(
    make_member, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = MAIL_DOWN
    event = make_event()
    client = signed_in(make_member("amina@example.org", display_name="Amina"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event.url_for("register"), REGISTRATION)

    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "You are registered" in page
    # The page does not claim an email went: it says it did not, and where the place is kept.
    assert "We have sent an email" not in page and "The email has a calendar file" not in page
    assert "We have not sent you an email about this. Your place is saved all the same" in page
    assert 'href="/my-events/"' in page and event.url_for("event_ics") in page
    registration = Registration.objects.get(event=event)
    assert f"registration {registration.pk}" in caplog.text
    assert "amina@example.org" not in caplog.text and "Amina" not in caplog.text


def test_when_the_mail_server_fails_a_person_on_the_waiting_list_is_told_no_email_went(
    make_member, settings, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    signed_in(make_member("first@example.org")).post(event.url_for("register"), REGISTRATION)
    settings.EMAIL_BACKEND = MAIL_DOWN
    client = signed_in(make_member("waiting@example.org"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(event.url_for("register"), REGISTRATION)
    page = client.get(response["Location"]).content.decode()

    assert "You are number 1 on the waiting list" in page
    assert "We have sent an email" not in page
    assert "Your place on the waiting list is saved all the same" in page


def test_when_the_promotion_email_fails_the_cancellation_still_goes_through(
    make_member, settings, caplog, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    first, waiting = make_member("first@example.org"), make_member("waiting@example.org")
    _fill_with_waiting_list(event, [first, waiting])
    settings.EMAIL_BACKEND = MAIL_DOWN

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(first).post(event.url_for("cancel_registration"))

    assert response.status_code == 302 and response["Location"] == "/my-events/"
    promoted = Registration.objects.get(event=event, member=waiting)
    assert promoted.status == RegistrationStatus.REGISTERED
    assert f"registration {promoted.pk}" in caplog.text and "waiting@example.org" not in caplog.text


def test_after_changing_a_registration_the_confirmation_does_not_claim_an_email_was_sent(
    make_member, django_capture_on_commit_callbacks
):
    event = make_event()
    client = signed_in(make_member("amina@example.org"))
    client.post(event.url_for("register"), REGISTRATION)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            event.url_for("register"), {**REGISTRATION, "access_requirements": ["quiet_room"]}
        )
    page = client.get(response["Location"]).content.decode()

    assert mail.outbox == []
    assert "We have sent an email" not in page
    assert "We have not sent an email about them" in page
