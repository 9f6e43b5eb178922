"""Organisers build events in the Wagtail admin: facilitators and board editors edit event
pages, World Cafés and venues; members cannot."""

import pytest
from django.test import Client

from tests.events.factories import events_index, make_venue, make_world_cafe

pytestmark = pytest.mark.django_db


def signed_in(member):
    client = Client()
    client.force_login(member)
    return client


@pytest.mark.parametrize("group", ["Facilitators", "Board editors"])
def test_organisers_edit_events_world_cafes_and_venues(make_member, group):
    cafe = make_world_cafe()
    event = cafe.get_parent()
    venue = make_venue()
    client = signed_in(make_member("organiser@example.org", groups=[group]))

    for url in (
        f"/admin/pages/{event.pk}/edit/",
        f"/admin/pages/{cafe.pk}/edit/",
        f"/admin/pages/add/events/eventpage/{events_index().pk}/",
        f"/admin/snippets/events/venue/edit/{venue.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    editor = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert 'name="access_provided" value="bsl"' in editor and "checked" in editor


def test_a_member_cannot_edit_events(make_member):
    cafe = make_world_cafe()
    client = signed_in(make_member("member@example.org", groups=["Members"]))
    assert client.get(f"/admin/pages/{cafe.get_parent().pk}/edit/").status_code in (302, 403)
