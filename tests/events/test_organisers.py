"""Organisers: the attendee list and access summary, access details only with the permission,
attendance and the payments owed."""

import csv
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from events import services
from events.models import Registration
from tests.events.factories import make_event
from tests.factories import signed_in

pytestmark = pytest.mark.django_db

SECRET = "Needs a seat near the door for a heart condition"


@pytest.fixture
def event_with_people(make_member):
    event = make_event(pays_participants=True, payment_rate="£40 for the afternoon", payment_amount="40.00")
    needs = [
        (["bsl", "step_free"], SECRET),
        (["bsl", "quiet_room"], ""),
        (["bsl", "step_free"], ""),
        ([], ""),
    ]
    for n, (requirements, other) in enumerate(needs):
        services.register(
            event,
            make_member(f"person{n}@example.org", display_name=f"Person {n}"),
            {
                "attendance_mode": "in_person",
                "access_requirements": requirements,
                "other_access_requirements": other,
                "dietary_needs": "Halal" if n == 0 else "",
                "brings_supporter": n == 1,
                "lived_experience": n < 2,
            },
        )
    return event


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_a_facilitator_sees_the_summary_to_plan_for_and_the_details(event_with_people, make_member):
    facilitator = make_member("facilitator@example.org", groups=["Facilitators"])
    client = signed_in(facilitator)

    page = client.get(event_with_people.url_for("attendees")).content.decode()
    assert "3 need a BSL interpreter" in page
    assert "2 need step-free access" in page
    assert "1 needs a quiet room" in page
    assert "1 brings a Personal Assistant or supporter" in page
    details = client.get(event_with_people.url_for("access_details"))
    assert details.status_code == 200 and SECRET in details.content.decode()
    rows = csv_rows(client.get(event_with_people.url_for("attendees_csv")))
    assert "Access requirements" in rows[0] and "Dietary needs" in rows[0]
    assert any(SECRET in row for row in rows) and any("Halal" in row for row in rows)


def test_a_board_editor_without_the_permission_sees_counts_but_no_details(event_with_people, make_member):
    editor = make_member("editor@example.org", groups=["Board editors"])
    client = signed_in(editor)

    page = client.get(event_with_people.url_for("attendees")).content.decode()
    assert "3 need a BSL interpreter" in page
    assert SECRET not in page and "Halal" not in page
    assert client.get(event_with_people.url_for("access_details")).status_code == 403
    rows = csv_rows(client.get(event_with_people.url_for("attendees_csv")))
    assert "Access requirements" not in rows[0]
    assert not any(SECRET in cell or "Halal" in cell for row in rows for cell in row)
    assert len(rows) == 5


def test_giving_the_permission_to_a_group_shows_the_details(event_with_people, make_member):
    editor = make_member("editor@example.org", groups=["Board editors"])
    Group.objects.get(name="Board editors").permissions.add(
        Permission.objects.get(codename="view_access_requirements")
    )
    assert SECRET in signed_in(editor).get(event_with_people.url_for("access_details")).content.decode()


@pytest.mark.parametrize("route", ["attendees", "access_details", "attendees_csv", "payments_csv"])
def test_members_and_the_public_cannot_see_attendees_or_access(event_with_people, make_member, route):
    member = make_member("member@example.org", groups=["Members"])
    for client in (Client(), signed_in(member)):
        response = client.get(event_with_people.url_for(route))
        assert response.status_code == 403
        assert SECRET not in response.content.decode()


def test_the_event_page_shows_nobody_else_s_access_requirements(event_with_people, make_member):
    member = make_member("member@example.org")
    for client in (Client(), signed_in(member)):
        page = client.get(event_with_people.url).content.decode()
        assert SECRET not in page and "Person 0" not in page


def test_a_member_sees_their_own_access_requirements_on_my_events(event_with_people):
    person = Registration.objects.get(member__email="person0@example.org").member
    page = signed_in(person).get("/my-events/").content.decode()
    assert SECRET in page


def test_marking_attendance_and_the_payments_owed(event_with_people, make_member):
    client = signed_in(make_member("facilitator@example.org", groups=["Facilitators"]))
    registrations = {r.member.email: r for r in Registration.objects.filter(event=event_with_people)}
    for email, came in [
        ("person0@example.org", "yes"),
        ("person1@example.org", "no"),
        ("person2@example.org", "yes"),
    ]:
        response = client.post(
            event_with_people.url_for("mark_attendance"),
            {"registration": registrations[email].pk, "attended": came},
        )
        assert response.status_code == 302

    rows = csv_rows(client.get(event_with_people.url_for("payments_csv")))

    # Person 0 came with lived experience; person 1 did not come; person 2 is not paid.
    assert rows[0] == ["Name", "Email", "Event", "Date", "Rate", "Amount (£)"]
    assert [(row[0], row[5]) for row in rows[1:]] == [("Person 0", "40.00")]


def test_attendance_for_a_registration_of_another_event_is_refused(event_with_people, make_member):
    other = make_event(title="Another event")
    stranger = services.register(other, make_member("stranger@example.org"), {"attendance_mode": "online"})
    client = signed_in(make_member("facilitator@example.org", groups=["Facilitators"]))

    response = client.post(
        event_with_people.url_for("mark_attendance"), {"registration": stranger.pk, "attended": "yes"}
    )

    assert response.status_code == 200
    assert "That person is not registered for this event" in response.content.decode()
    stranger.refresh_from_db()
    assert stranger.attended is None
