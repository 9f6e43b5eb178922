"""Meetings as versions: the document as it stood at a meeting, and what changed since."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from reflections.models import Change
from reflections.services import create_action, create_item, save
from tests.reflections.conftest import item_values

pytestmark = pytest.mark.django_db


def on(day, hour=12):
    return timezone.make_aware(datetime.datetime(2026, *day, hour))


@pytest.fixture
def history(document, sam):
    """Before the meeting on 12 March: an item with an agreed action. After it: the action is done,
    a new item is added, and a draft item nobody outside the group may see."""
    before = create_item(document, item_values(you_said="Papers arrive too late to read."), by=sam)
    action = create_action(
        before, {"text": "Send papers a week ahead", "owner": "Coordinator", "status": "agreed"}, by=sam
    )
    Change.objects.update(changed_at=on((3, 1)))
    save(action, 1, {"text": action.text, "owner": action.owner, "status": "done"}, by=sam)
    added = create_item(document, item_values(you_said="The quiet room is full of boxes."), by=sam)
    draft = create_item(
        document, item_values(you_said="A draft only the group sees.", published=False), by=sam
    )
    Change.objects.filter(changed_at__gt=on((3, 1))).update(changed_at=on((4, 2)))
    return {"before": before, "action": action, "added": added, "draft": draft}


def test_the_document_as_at_a_meeting_shows_what_stood_then(document, history):
    meeting = document.meetings.get()
    html = Client().get(document.url_for("as_at_meeting", meeting.pk)).content.decode()
    assert "Papers arrive too late to read." in html
    assert "The quiet room is full of boxes." not in html
    assert "Agreed</strong>" in html
    assert "Done</strong>" not in html


def test_changes_since_a_meeting_list_new_items_and_moved_statuses(document, history):
    meeting = document.meetings.get()
    html = Client().get(document.url_for("changes_since_meeting", meeting.pk)).content.decode()
    assert "Items added (1)" in html
    assert "The quiet room is full of boxes." in html
    assert "A draft only the group sees." not in html
    assert "Statuses moved (1)" in html
    assert "Agreed</strong> to" in html and "Done</strong>" in html


def test_the_group_sees_its_drafts_in_changes_since_a_meeting(document, history, sam):
    client = Client()
    client.force_login(sam)
    html = client.get(document.url_for("changes_since_meeting", document.meetings.get().pk)).content.decode()
    assert "Items added (2)" in html


def test_a_meeting_of_another_document_is_not_found(document, history):
    from tests.reflections.conftest import make_document

    other = make_document("Another document", group_name="Young People's Panel")
    assert Client().get(document.url_for("as_at_meeting", other.meetings.get().pk)).status_code == 404
