"""Who may read and edit a living document, its actions' rules, history and restoring, and its figures."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from reflections.models import Action, Change, Item
from reflections.services import create_action, create_item, figures
from tests.factories import signed_in
from tests.reflections.conftest import item_form, item_values

pytestmark = pytest.mark.django_db


def action_form(**changes):
    data = {"text": "Ask the council for a shelter.", "owner": "Engagement lead", "status": "agreed"}
    return {**data, **changes}


# Who may do what ---------------------------------------------------------------------


def test_the_public_reads_published_items_only(document, sam):
    create_item(document, item_values(you_said="Published words"), by=sam)
    hidden = create_item(document, item_values(you_said="Words still being drafted", published=False), by=sam)
    html = Client().get(document.url).content.decode()
    assert "Published words" in html
    assert "Words still being drafted" not in html
    assert Client().get(document.url_for("item", hidden.pk)).status_code == 404
    assert Client().get(document.url_for("item_history", hidden.pk)).status_code == 404


def test_the_group_sees_its_unpublished_items(document, sam):
    create_item(document, item_values(you_said="Words still being drafted", published=False), by=sam)
    assert "Words still being drafted" in signed_in(sam).get(document.url).content.decode()


def test_signed_out_visitors_are_sent_to_sign_in_to_add_an_item(document):
    response = Client().get(document.url_for("add_item"))
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/")


def test_a_member_of_another_advisory_group_cannot_edit(document, item, make_member):
    from reflections.models import AdvisoryGroup, GroupMembership

    other_group = AdvisoryGroup.objects.create(name="Young People's Panel")
    outsider = make_member("lee@example.org", groups=["Advisory group"])
    GroupMembership.objects.create(group=other_group, member=outsider)
    client = signed_in(outsider)
    assert client.get(document.url_for("add_item")).status_code == 403
    assert (
        client.post(document.url_for("edit_item", item.pk), item_form(item, you_said="Mine now")).status_code
        == 403
    )
    assert client.post(document.url_for("add_action", item.pk), action_form()).status_code == 403
    item.refresh_from_db()
    assert (item.version, item.actions.count()) == (1, 0)


def test_a_group_member_without_the_advisory_group_role_cannot_edit(document, item, make_member):
    from reflections.models import GroupMembership

    former = make_member("jo@example.org")  # the role was taken away; the membership row stayed
    GroupMembership.objects.create(group=document.group, member=former)
    assert signed_in(former).get(document.url_for("edit_item", item.pk)).status_code == 403


def test_a_member_of_the_group_adds_an_item(document, sam):
    data = item_form(Item(**{**item_values(), "document": document}), version="")
    response = signed_in(sam).post(document.url_for("add_item"), data)
    item = Item.objects.get()
    assert response["Location"] == document.url_for("item", item.pk)
    assert item.you_said.startswith("The bus stop on Mill Road")
    assert Change.objects.get(item=item).note == "added"


# Actions ------------------------------------------------------------------------------


def test_an_action_is_added_and_shown_with_its_status_in_words(document, sam, item):
    client = signed_in(sam)
    response = client.post(document.url_for("add_action", item.pk), action_form(due_date="2026-06-30"))
    assert response.status_code == 302
    html = Client().get(document.url_for("item", item.pk)).content.decode()
    assert "Ask the council for a shelter." in html
    assert "Agreed</strong>" in html


def test_not_doing_needs_a_reason_and_keeps_what_was_typed(document, sam, item):
    response = signed_in(sam).post(
        document.url_for("add_action", item.pk), action_form(text="Move the bus stop", status="not_doing")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_reason">Give the reason we are not doing it</a>' in html
    assert "Move the bus stop" in html
    assert not Action.objects.exists()


def test_a_due_date_before_the_item_was_said_is_refused(document, sam, item):
    response = signed_in(sam).post(
        document.url_for("add_action", item.pk), action_form(due_date="2026-01-01")
    )
    assert "The due date must be on or after 12 March 2026, when this was said" in response.content.decode()
    assert not Action.objects.exists()


def test_an_action_of_another_document_cannot_be_changed_from_this_one(document, sam, item, add_to_group):
    from tests.reflections.conftest import make_document

    other = make_document("Another document", group_name="Young People's Panel")
    other_item = create_item(other, item_values(), by=sam)
    action = create_action(other_item, action_form(), by=sam)
    response = signed_in(sam).post(
        document.url_for("edit_action", action.pk), action_form(text="Changed", version=1)
    )
    assert response.status_code == 404
    action.refresh_from_db()
    assert action.text == "Ask the council for a shelter."


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("text", "A shelter\x00", "Remove the invisible control character from"),
        ("text", "x" * 100_000, "must be"),
        ("owner", "Lead\x07", "Remove the invisible control character from"),
    ],
    ids=["NUL", "100,000 characters", "a control character"],
)
def test_bad_text_in_an_action_is_refused_clearly_and_nothing_is_stored(
    document, sam, item, field, value, message
):
    response = signed_in(sam).post(document.url_for("add_action", item.pk), action_form(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Action.objects.exists()


def test_a_meeting_of_another_document_is_refused(document, sam, item):
    from tests.reflections.conftest import make_document

    other = make_document("Another document", group_name="Young People's Panel")
    response = signed_in(sam).post(
        document.url_for("edit_item", item.pk), item_form(item, meeting=other.meetings.get().pk)
    )
    assert "Choose a meeting of this group" in response.content.decode()
    item.refresh_from_db()
    assert item.meeting_id is None


# History ------------------------------------------------------------------------------


def test_the_history_shows_each_change_as_words_taken_out_and_put_in(document, sam, item):
    signed_in(sam).post(document.url_for("edit_item", item.pk), item_form(item, outcome_for="Older people"))
    html = Client().get(document.url_for("item_history", item.pk)).content.decode()
    assert "Version 2 of the item" in html
    assert "Sam" in html
    assert '<del><span class="visually-hidden">taken out: </span>' in html
    assert "Older" in html


def test_the_lead_restores_an_earlier_version_and_the_restore_is_recorded(document, sam, priya, item):
    signed_in(sam).post(
        document.url_for("edit_item", item.pk), item_form(item, outcome_for="Nobody in particular")
    )
    first = Change.objects.get(item=item, version=1)
    response = signed_in(priya).post(document.url_for("item_history", item.pk), {"change": first.pk})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.outcome_for, item.version) == ("People who cannot stand for long", 3)
    assert Change.objects.get(item=item, version=3).note == "restored version 1"


def test_only_the_lead_may_restore(document, sam, item):
    first = Change.objects.get(item=item, version=1)
    assert (
        signed_in(sam).post(document.url_for("item_history", item.pk), {"change": first.pk}).status_code
        == 403
    )


def test_restoring_a_version_of_another_item_is_refused(document, sam, priya, item):
    other = create_item(document, item_values(you_said="Another thing"), by=sam)
    theirs = Change.objects.get(item=other)
    response = signed_in(priya).post(document.url_for("item_history", item.pk), {"change": theirs.pk})
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.version == 1


# Figures ------------------------------------------------------------------------------


def test_the_figures_count_actions_done_overdue_and_the_median_days_to_a_first_action(document, sam):
    said = datetime.date(2026, 3, 1)
    today = datetime.date(2026, 6, 1)
    done = create_item(document, item_values(said_on=said), by=sam)
    late = create_item(document, item_values(said_on=said), by=sam)
    create_item(document, item_values(said_on=said), by=sam)  # no action yet
    for item, days, status, due in [
        (done, 10, "done", None),
        (late, 30, "in_progress", datetime.date(2026, 5, 1)),
    ]:
        action = create_action(
            item, {"text": "Act", "owner": "Lead", "status": status, "due_date": due}, by=sam
        )
        added = timezone.make_aware(
            datetime.datetime.combine(said + datetime.timedelta(days=days), datetime.time(12))
        )
        Action.objects.filter(pk=action.pk).update(created_at=added)
    result = figures(document.items.prefetch_related("actions"), today=today)
    assert (result.items, result.with_action, result.done, result.overdue) == (3, 2, 1, 1)
    assert result.median_days_to_first_action == 20


def test_the_document_page_shows_its_figures(document, sam, item):
    create_action(item, {"text": "Act", "owner": "Lead", "status": "done"}, by=sam)
    html = Client().get(document.url).content.decode()
    assert "<dt>Done</dt><dd>1</dd>" in html
    assert "<dt>With an action</dt><dd>1</dd>" in html


def test_the_status_filter_lists_only_items_with_that_status(document, sam, item):
    create_item(document, item_values(you_said="Nothing done about this yet"), by=sam)
    create_action(item, {"text": "Act", "owner": "Lead", "status": "done"}, by=sam)
    html = Client().get(document.url + "?status=done").content.decode()
    assert "1 item</h2>" in html
    assert "Nothing done about this yet" not in html
