"""What events hold about a member is in "download my data", and goes with the account."""

import json

import pytest

from events import services
from events.models import Contribution, Registration, RegistrationStatus
from tests.events.factories import make_event, make_world_cafe_with_a_contribution
from tests.factories import signed_in

pytestmark = pytest.mark.django_db


def test_download_my_data_has_registrations_with_access_requirements_and_contributions(make_member):
    member = make_member("amina@example.org")
    event = make_event()
    services.register(
        event, member, {"attendance_mode": "online", "access_requirements": ["bsl"], "dietary_needs": "Halal"}
    )
    cafe = make_world_cafe_with_a_contribution(member)
    client = signed_in(member)

    data = json.loads(client.get("/account/my-data.json").content)

    (registration,) = data["event_registrations"]
    assert registration["event"] == event.title and registration["access_requirements"] == ["bsl"]
    assert registration["dietary_needs"] == "Halal"
    assert data["world_cafe"]["tables_you_host"] == [{"world_cafe": cafe.title, "table": "Table 1"}]
    assert data["world_cafe"]["contributions_you_recorded"][0]["text"] == "Late papers"


def test_deleting_an_account_gives_its_place_to_the_first_person_waiting(make_member):
    from coproduction.members.services import delete_account

    event = make_event(capacity=1)
    leaving, waiting = make_member("leaving@example.org"), make_member("waiting@example.org")
    services.register(event, leaving, {"attendance_mode": "online", "access_requirements": ["bsl"]})
    services.register(event, waiting, {"attendance_mode": "online"})
    cafe = make_world_cafe_with_a_contribution(leaving)

    delete_account(leaving)

    assert list(Registration.objects.values_list("member__email", "status")) == [
        ("waiting@example.org", RegistrationStatus.REGISTERED)
    ]
    contribution = Contribution.objects.get()
    assert contribution.text == "Late papers" and contribution.recorded_by is None
    assert cafe.ordered_tables()[0].host is None
