"""Two members editing one item at once never overwrite each other: edits merge, or come back to
merge by hand."""

import re

import pytest
from django.test import Client

from reflections.models import Change
from tests.reflections.conftest import item_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors(sam, priya, item):
    """Sam and Priya both open the edit form of the same version of the item."""
    sam_client, priya_client = Client(), Client()
    sam_client.force_login(sam)
    priya_client.force_login(priya)
    edit_url = item.document.url_for("edit_item", item.pk)
    for client in (sam_client, priya_client):
        assert client.get(edit_url).status_code == 200
    return sam_client, priya_client, edit_url


def test_changes_to_different_fields_are_both_kept_and_the_page_says_so(two_editors, item):
    sam_client, priya_client, edit_url = two_editors
    sam_client.post(edit_url, item_form(item, outcome_for="Older people and wheelchair users"))
    response = priya_client.post(
        edit_url, item_form(item, outcome_wanted="A shelter, a seat and a timetable."), follow=True
    )
    item.refresh_from_db()
    assert (item.outcome_for, item.outcome_wanted) == (
        "Older people and wheelchair users",
        "A shelter, a seat and a timetable.",
    )
    assert (
        "Someone saved a change while you were editing. Both changes are kept." in response.content.decode()
    )
    assert item.version == 3


def test_changes_to_different_sentences_of_one_text_merge(two_editors, item):
    sam_client, priya_client, edit_url = two_editors
    said = item.you_said
    sam_client.post(edit_url, item_form(item, you_said=said.replace("no shelter", "no shelter or seat")))
    priya_client.post(
        edit_url, item_form(item, you_said=said.replace("in the rain", "in the rain for 30 minutes"))
    )
    item.refresh_from_db()
    assert (
        item.you_said
        == "The bus stop on Mill Road has no shelter or seat. People wait in the rain for 30 minutes."
    )


def test_changes_to_the_same_words_show_both_texts_and_lose_nothing(two_editors, item):
    sam_client, priya_client, edit_url = two_editors
    said = item.you_said
    sam_client.post(edit_url, item_form(item, you_said=said.replace("no shelter", "no roof")))
    priyas = said.replace("no shelter", "no cover from the weather")
    response = priya_client.post(edit_url, item_form(item, you_said=priyas, outcome_for="Everyone who waits"))
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone changed the same words while you were editing" in html
    assert "has no roof." in html  # the newer saved words
    assert html.count("no cover from the weather") == 2  # her words, shown and in the form
    assert 'value="Everyone who waits"' in html  # her other change, kept in the form
    item.refresh_from_db()
    assert item.you_said == said.replace("no shelter", "no roof")
    assert item.version == 2


def test_merging_by_hand_saves_against_the_newer_version(two_editors, item):
    sam_client, priya_client, edit_url = two_editors
    said = item.you_said
    sam_client.post(edit_url, item_form(item, you_said=said.replace("no shelter", "no roof")))
    html = priya_client.post(
        edit_url, item_form(item, you_said=said.replace("no shelter", "no cover"))
    ).content.decode()
    version = re.search(r'name="version" value="(\d+)"', html).group(1)
    merged = said.replace("no shelter", "no roof or cover")
    response = priya_client.post(edit_url, item_form(item, you_said=merged, version=version))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.you_said, item.version) == (merged, 3)


def test_a_version_that_was_never_saved_is_refused_and_keeps_the_words(sam, item):
    client = Client()
    client.force_login(sam)
    response = client.post(
        item.document.url_for("edit_item", item.pk), item_form(item, you_said="My new words", version=99)
    )
    html = response.content.decode()
    assert response.status_code == 409
    assert "This form came from a version of the page that was never saved" in html
    assert "My new words" in html
    item.refresh_from_db()
    assert (item.version, Change.objects.filter(item=item).count()) == (1, 1)


def test_every_saved_version_is_one_history_entry_with_before_and_after(two_editors, item):
    sam_client, priya_client, edit_url = two_editors
    sam_client.post(edit_url, item_form(item, outcome_for="Older people"))
    priya_client.post(edit_url, item_form(item, outcome_wanted="A shelter."))
    changes = list(Change.objects.filter(item=item, action=None).order_by("version"))
    assert [c.version for c in changes] == [1, 2, 3]
    assert (changes[1].fields, changes[1].before, changes[1].after) == (
        ["outcome_for"],
        {"outcome_for": "People who cannot stand for long"},
        {"outcome_for": "Older people"},
    )
    assert changes[2].fields == ["outcome_wanted"]
    assert changes[2].state["outcome_for"] == "Older people"
