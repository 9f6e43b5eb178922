"""The living document in real Chromium: zero axe violations, and the group's journeys by keyboard alone."""

import re

import pytest

from tests.accessibility import assert_no_axe_violations
from tests.browser.helpers import focused, press_at, sign_in, submit_at, tab_to, type_at

pytestmark = pytest.mark.browser
DOCUMENT = "/you-said-we-did/advisory-group/"
LEAD = "advisory@castlebridge-cil.example"
SECOND_MEMBER = "advisory.member@castlebridge-cil.example"


def test_the_public_pages_of_a_document_have_no_axe_violations(page, demo_site):
    for path in [
        "/you-said-we-did/",
        DOCUMENT,
        DOCUMENT + "?status=done",
        DOCUMENT + "items/1/",
        DOCUMENT + "items/1/history/",
        DOCUMENT + "meetings/1/changes/",
        DOCUMENT + "meetings/2/as-at/",
    ]:
        page.goto(demo_site.url + path)
        assert page.locator("h1").count() == 1, path
        assert_no_axe_violations(page, path)


def test_printed_the_document_keeps_its_items_and_drops_the_sites_navigation_and_forms(page, demo_site):
    page.goto(demo_site.url + DOCUMENT)
    page.emulate_media(media="print")
    assert page.locator("#items-heading").is_visible()
    assert page.locator(".card").first.is_visible()
    for chrome in ["header.site-header", "footer.site-footer", "form.filters"]:
        assert page.locator(chrome).count() == 1, chrome
        assert not page.locator(chrome).is_visible(), chrome
    page.emulate_media(media="screen")
    assert page.locator("form.filters").is_visible()


def test_the_group_adds_an_item_with_an_action_by_keyboard(page, demo_site):
    sign_in(page, demo_site, email=LEAD)
    page.goto(demo_site.url + DOCUMENT)
    submit_at(page, "a:has-text('Add an item')")
    assert_no_axe_violations(page, "add an item")
    type_at(page, "#id_you_said", "The lift at the library is out of order most weeks.")
    type_at(page, "#id_outcome_wanted", "A lift that works, and notice when it does not.")
    press_at(page, "#id_published", "Space")
    submit_at(page, "button:has-text('Save item')")
    assert page.locator(".error-summary").count() == 0, page.locator(".error-summary").inner_text()
    assert page.locator("blockquote").inner_text().startswith("The lift at the library")

    submit_at(page, "a:has-text('Add an action')")
    type_at(page, "#id_text", "Report the lift to the council's buildings team.")
    type_at(page, "#id_owner", "Group coordinator")
    submit_at(page, "button:has-text('Save action')")
    assert "Report the lift to the council" in page.locator("main").inner_text()
    assert "Proposed" in page.locator("main li.card").first.text_content()


def test_the_group_changes_a_status_to_not_doing_with_a_reason_by_keyboard(page, demo_site):
    sign_in(page, demo_site, email=LEAD)
    page.goto(demo_site.url + DOCUMENT + "items/3/")
    submit_at(page, "a:has-text('Change this action')")
    tab_to(page, "input[name=status]:checked")
    while focused(page, "value") != "not_doing":
        page.keyboard.press("ArrowDown")
    submit_at(page, "button:has-text('Save action')")
    # No reason: the error summary takes the focus and links to the field.
    page.wait_for_function("() => document.activeElement.classList.contains('error-summary')")
    assert "Give the reason we are not doing it" in page.locator(".error-summary").inner_text()
    assert_no_axe_violations(page, "action with an error")
    press_at(page, ".error-summary a", "Enter")
    assert focused(page, "id") == "id_reason"
    page.keyboard.type("The group agreed another way to report back works better.")
    submit_at(page, "button:has-text('Save action')")
    assert "Not doing" in page.locator("main").text_content()
    assert "another way to report back" in page.locator("main").inner_text()


def test_two_people_change_the_same_words_and_one_merges_by_keyboard(new_context, demo_site):
    sam, priya = (new_context().new_page() for _ in range(2))
    for tab in (sam, priya):
        sign_in(tab, demo_site, email=LEAD)
        tab.goto(demo_site.url + DOCUMENT + "items/5/edit/")
    said = sam.input_value("#id_you_said")
    sam.fill("#id_you_said", said.replace("two hours", "ninety minutes"))
    sam.click("button:has-text('Save item')")
    sam.wait_for_url(re.compile(r".*/items/5/$"))

    priya.fill("#id_you_said", said.replace("two hours", "an hour and a half"))
    priya.click("button:has-text('Save item')")
    assert "Someone changed the same words" in priya.locator(".error-summary").inner_text()
    assert_no_axe_violations(priya, "conflict page")
    press_at(priya, "#id_you_said", "Control+A")
    priya.keyboard.type(
        "Online meetings are tiring when they run over ninety minutes, or an hour and a half for some."
    )
    submit_at(priya, "button:has-text('Save the merged version')")
    assert "or an hour and a half for some" in priya.locator("blockquote").inner_text()
    priya.goto(demo_site.url + DOCUMENT + "items/5/history/")
    assert_no_axe_violations(priya, "history after a merge")


def test_the_edit_form_says_live_who_else_is_editing_and_their_save(new_context, demo_site):
    declan, sam = (new_context().new_page() for _ in range(2))
    sign_in(declan, demo_site, email=LEAD)
    sign_in(sam, demo_site, email=SECOND_MEMBER)
    declan.goto(demo_site.url + DOCUMENT + "items/2/edit/")
    region = declan.locator("[data-editing-presence] [role=status]")
    assert region.get_attribute("aria-live") == "polite"
    sam.goto(demo_site.url + DOCUMENT + "items/2/edit/")
    region.get_by_text("Sam Okafor is also editing this item.").wait_for()
    sam.locator("[data-editing-presence] [role=status]").get_by_text(
        "Declan Byrne is also editing this item."
    ).wait_for()
    assert_no_axe_violations(declan, "edit form with another editor present")

    sam.fill("#id_outcome_wanted", "Everyone who uses a hearing aid can follow from any seat, every time.")
    sam.click("button:has-text('Save item')")
    sam.wait_for_url(re.compile(r".*/items/2/$"))
    region.get_by_text("Sam Okafor saved a change to this item").wait_for()
    # Sam has left the form: nobody else is editing it now.
    declan.wait_for_function(
        "() => !document.querySelector('[data-others]').textContent.includes('also editing')"
    )
    assert "When you save, both changes are kept." in region.inner_text()
    assert_no_axe_violations(declan, "edit form after another editor saved")
