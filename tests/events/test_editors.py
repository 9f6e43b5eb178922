"""Organisers build events in the Wagtail admin: facilitators and board editors edit event
pages, World Cafés and venues; members cannot."""

import html

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from events import services
from events.models import Contribution, EventPage, Registration, WorldCafePage
from tests.events.factories import events_index, make_event, make_venue, make_world_cafe

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


def _cafe_with_a_contribution(host):
    cafe = make_world_cafe(hosts=[host])
    table, cafe_round = cafe.ordered_tables()[0], cafe.ordered_rounds()[0]
    Contribution.objects.create(
        page=cafe,
        table=table,
        round=cafe_round,
        question=cafe_round.question,
        text="Late papers",
        recorded_by=host,
    )
    return cafe


@pytest.mark.parametrize("group", ["Facilitators", "Board editors"])
def test_deleting_a_world_cafe_or_its_event_with_a_harvest_is_refused_with_a_reason(make_member, group):
    host = make_member("host@example.org")
    cafe = _cafe_with_a_contribution(host)
    client = signed_in(make_member("organiser@example.org", groups=[group]))

    response = client.post(f"/admin/pages/{cafe.pk}/delete/", follow=True)
    assert response.status_code == 200
    assert "its World Café harvest has 1 contributions" in html.unescape(response.content.decode())
    # The event above it cannot be deleted either while the harvest is there.
    assert client.post(f"/admin/pages/{cafe.get_parent().pk}/delete/", follow=True).status_code == 200
    assert Contribution.objects.filter(text="Late papers").exists()
    assert WorldCafePage.objects.filter(pk=cafe.pk).exists()


@pytest.mark.parametrize("group", ["Facilitators", "Board editors"])
def test_deleting_pages_together_from_a_listing_keeps_a_harvest_too(make_member, group):
    host = make_member("host@example.org")
    cafe = _cafe_with_a_contribution(host)
    other = make_world_cafe(slug="empty-cafe")  # no harvest: may go, but not along with the other
    client = signed_in(make_member("organiser@example.org", groups=[group]))

    response = client.post(f"/admin/bulk/wagtailcore/page/delete/?id={cafe.pk}&id={other.pk}", follow=True)
    assert response.status_code == 200
    said = html.unescape(response.content.decode())
    assert f"“{cafe.title}” cannot be deleted: its World Café harvest has 1 contributions" in said
    assert Contribution.objects.filter(text="Late papers").exists()
    assert WorldCafePage.objects.filter(pk__in=[cafe.pk, other.pk]).count() == 2


def _cafe_form(cafe, delete_round=None, delete_table=None):
    """The World Café editor's fields as an organiser's browser posts them back."""
    rounds = [
        {
            "id": r.pk,
            "question": r.question,
            "easy_read_question": "",
            "minutes": r.minutes,
            "ORDER": i,
            "DELETE": "on" if r == delete_round else "",
        }
        for i, r in enumerate(cafe.ordered_rounds())
    ]
    tables = [
        {
            "id": t.pk,
            "name": t.name,
            "host": t.host_id or "",
            "ORDER": i,
            "DELETE": "on" if t == delete_table else "",
        }
        for i, t in enumerate(cafe.ordered_tables())
    ]
    return nested_form_data(
        {
            "title": cafe.title,
            "slug": cafe.slug,
            "intro": cafe.intro,
            "instructions": rich_text(cafe.instructions),
            "easy_read_instructions": cafe.easy_read_instructions,
            "what_happens_next": rich_text(cafe.what_happens_next or ""),
            "rounds": inline_formset(rounds, initial=len(rounds)),
            "tables": inline_formset(tables, initial=len(tables)),
        }
    )


@pytest.mark.parametrize("group", ["Facilitators", "Board editors"])
def test_removing_a_round_or_table_with_contributions_is_refused_with_a_reason(make_member, group):
    host = make_member("host@example.org")
    cafe = _cafe_with_a_contribution(host)
    client = signed_in(make_member("organiser@example.org", groups=[group]))
    table, cafe_round = cafe.ordered_tables()[0], cafe.ordered_rounds()[0]

    for data, name in (
        (_cafe_form(cafe, delete_round=cafe_round), str(cafe_round)),
        (_cafe_form(cafe, delete_table=table), table.name),
    ):
        response = client.post(f"/admin/pages/{cafe.pk}/edit/", {**data, "action-publish": "action-publish"})
        page = response.content.decode()
        assert response.status_code == 200
        assert f"{name}” has 1 contributions in the harvest" in html.unescape(page)

    assert len(cafe.ordered_rounds()) == 3 and len(cafe.ordered_tables()) == 3
    assert Contribution.objects.filter(text="Late papers").exists()


def test_removing_a_round_without_contributions_still_works(make_member):
    cafe = _cafe_with_a_contribution(make_member("host@example.org"))
    client = signed_in(make_member("organiser@example.org", groups=["Facilitators"]))
    last_round = cafe.ordered_rounds()[-1]

    response = client.post(
        f"/admin/pages/{cafe.pk}/edit/",
        {**_cafe_form(cafe, delete_round=last_round), "action-publish": "action-publish"},
    )

    assert response.status_code == 302
    assert len(WorldCafePage.objects.get(pk=cafe.pk).ordered_rounds()) == 2


def _event_form(event, **changes):
    """The event editor's fields as an organiser's browser posts them back, with `changes`."""
    local = timezone.localtime
    fields = {
        "title": event.title,
        "slug": event.slug,
        "summary": event.summary,
        "easy_read_summary": event.easy_read_summary,
        "starts_at": local(event.starts_at).strftime("%Y-%m-%d %H:%M"),
        "ends_at": local(event.ends_at).strftime("%Y-%m-%d %H:%M"),
        "event_format": event.event_format,
        "venue": event.venue_id or "",
        "who_it_is_for": event.who_it_is_for,
        "description": rich_text(event.description or ""),
        "facilitators": event.facilitators,
        "agenda_items": inline_formset([]),
        "access_provided": list(event.access_provided),
        "access_notes": event.access_notes,
        "payment_rate": event.payment_rate,
        "how_to_claim": event.how_to_claim,
        "capacity": event.capacity,
        "registration_deadline": local(event.registration_deadline).strftime("%Y-%m-%d %H:%M"),
        "joining_link": event.joining_link,
        "joining_instructions": event.joining_instructions,
        "contact_email": event.contact_email,
        "consultation": "",
    }
    fields.update(changes)
    return nested_form_data(fields)


def test_a_facilitator_raising_the_capacity_in_the_admin_gives_places_to_those_waiting_in_order(
    make_member, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    people = [make_member(f"person{n}@example.org") for n in range(4)]
    for person in people:
        services.register(event, person, {"attendance_mode": "in_person"})
    mail.outbox.clear()
    facilitator = signed_in(make_member("organiser@example.org", groups=["Facilitators"]))

    with django_capture_on_commit_callbacks(execute=True):
        response = facilitator.post(
            f"/admin/pages/{event.pk}/edit/", {**_event_form(event, capacity=3), "action-publish": "publish"}
        )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert EventPage.objects.get(pk=event.pk).capacity == 3
    statuses = {r.member.email: r.status for r in Registration.objects.filter(event=event)}
    assert statuses == {
        "person0@example.org": "registered",
        "person1@example.org": "registered",
        "person2@example.org": "registered",
        "person3@example.org": "waitlisted",
    }
    # The two who waited longest are told, by email, and nobody else.
    assert sorted(email.to[0] for email in mail.outbox) == ["person1@example.org", "person2@example.org"]
    assert all(f"A place is free for you: {event.title}" == email.subject for email in mail.outbox)
    # The person still waiting sees their new number on "My events".
    assert "number 1 on the waiting list" in signed_in(people[3]).get("/my-events/").content.decode()
