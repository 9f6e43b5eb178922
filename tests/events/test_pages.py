"""The list of events, an event page, the home page's "What's on", and bad input on registration."""

from datetime import timedelta

import pytest
from django.test import Client

from events.models import EventFormat, Registration, Topic
from tests.events.factories import events_index, make_event

pytestmark = pytest.mark.django_db


def titles(response):
    return [event.title for event in response.context["events"]]


def test_the_index_lists_upcoming_soonest_first_and_past_latest_first():
    make_event(title="Next month", starts_in=timedelta(days=30))
    make_event(title="Next week", starts_in=timedelta(days=7))
    make_event(title="Last week", starts_in=timedelta(days=-7))
    make_event(title="Last month", starts_in=timedelta(days=-30))
    index = events_index()

    assert titles(Client().get(index.url)) == ["Next week", "Next month"]
    assert titles(Client().get(index.url + "?when=past")) == ["Last week", "Last month"]


def test_the_index_filters_by_format_and_topic():
    transport = Topic.objects.create(name="Transport", slug="transport")
    online = make_event(title="Online drop-in", event_format=EventFormat.ONLINE)
    make_event(title="In the hall", event_format=EventFormat.IN_PERSON)
    online.topics.set([transport])
    online.save()
    index = events_index()

    assert titles(Client().get(index.url + "?format=online")) == ["Online drop-in"]
    assert titles(Client().get(index.url + "?format=in_person")) == ["In the hall"]
    assert titles(Client().get(index.url + "?topic=transport")) == ["Online drop-in"]
    assert titles(Client().get(index.url + "?topic=nobody-has-this")) == []
    assert sorted(titles(Client().get(index.url + "?format=" + "x" * 5000))) == [
        "In the hall",
        "Online drop-in",
    ]


def test_the_event_page_shows_times_agenda_breaks_access_venue_and_payment():
    from datetime import time

    from events.models import EventAgendaItem

    event = make_event(
        pays_participants=True, payment_rate="£40 for the afternoon", how_to_claim="Tick the box."
    )
    EventAgendaItem.objects.create(page=event, starts_at=time(13), ends_at=time(13, 30), title="Welcome")
    EventAgendaItem.objects.create(
        page=event, starts_at=time(13, 30), ends_at=time(13, 45), title="Tea", is_break=True
    )
    page = Client().get(event.url).content.decode()

    assert event.when_in_words() in page and "(UK time)" in page
    assert "1pm to 1:30pm" in page and "<strong>Break:</strong> Tea" in page
    assert "British Sign Language (BSL) interpreter" in page
    assert "A free place for a Personal Assistant or supporter" in page
    assert "A ramp at the side door on Mill Lane." in page and "Hearing loop" in page
    assert "£40 for the afternoon" in page and "Tick the box." in page
    assert "30 places left" in page


def test_the_home_page_lists_upcoming_events_under_whats_on():
    make_event(title="Coming soon", starts_in=timedelta(days=3))
    make_event(title="Long gone", starts_in=timedelta(days=-3))
    home = Client().get("/").content.decode()
    assert "What\u2019s on" in home and "Coming soon" in home and "Long gone" not in home


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("other_access_requirements", "Ramp\x00please", "Remove the invisible control character"),
        ("other_access_requirements", "x" * 100_000, "must be 1,000 characters or fewer"),
        ("dietary_needs", "y" * 100_000, "must be 500 characters or fewer"),
        ("access_requirements", "teleporter", "Choose one of the options listed"),
        ("attendance_mode", "x" * 100_000, "Choose one of the options listed"),
    ],
    ids=["NUL", "100,000 characters", "100,000 characters of diet", "unknown need", "unknown mode"],
)
def test_bad_registration_input_gets_a_clear_message_and_stores_nothing(make_member, field, value, message):
    event = make_event()
    client = Client()
    client.force_login(make_member())
    data = {"attendance_mode": "in_person", field: value}

    response = client.post(event.url_for("register"), data)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert "x" * 1000 not in response.content.decode().split("error-summary")[1][:5000]
    assert not Registration.objects.exists()
