"""The living document in real Chromium: zero axe violations, and the group's journeys by keyboard alone."""

import re

import pytest

from tests.accessibility import assert_no_axe_violations
from tests.browser.helpers import focused, sign_in, tab_to

pytestmark = pytest.mark.browser
DOCUMENT = "/you-said-we-did/advisory-group/"
LEAD = "advisory@castlebridge-cil.example"
SECOND_MEMBER = "advisory.member@castlebridge-cil.example"


def press_enter_and_wait(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")


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
    tab_to(page, "a:has-text('Add an item')")
    press_enter_and_wait(page)
    assert_no_axe_violations(page, "add an item")
    tab_to(page, "#id_you_said")
    page.keyboard.type("The lift at the library is out of order most weeks.")
    tab_to(page, "#id_outcome_wanted")
    page.keyboard.type("A lift that works, and notice when it does not.")
    tab_to(page, "#id_published")
    page.keyboard.press("Space")
    tab_to(page, "button:has-text('Save item')")
    press_enter_and_wait(page)
    assert page.locator(".error-summary").count() == 0, page.locator(".error-summary").inner_text()
    assert page.locator("blockquote").inner_text().startswith("The lift at the library")

    tab_to(page, "a:has-text('Add an action')")
    press_enter_and_wait(page)
    tab_to(page, "#id_text")
    page.keyboard.type("Report the lift to the council's buildings team.")
    tab_to(page, "#id_owner")
    page.keyboard.type("Group coordinator")
    tab_to(page, "button:has-text('Save action')")
    press_enter_and_wait(page)
    assert "Report the lift to the council" in page.locator("main").inner_text()
    assert "Proposed" in page.locator("main li.card").first.text_content()


def test_the_group_changes_a_status_to_not_doing_with_a_reason_by_keyboard(page, demo_site):
    sign_in(page, demo_site, email=LEAD)
    page.goto(demo_site.url + DOCUMENT + "items/3/")
    tab_to(page, "a:has-text('Change this action')")
    press_enter_and_wait(page)
    tab_to(page, "input[name=status]:checked")
    while focused(page, "value") != "not_doing":
        page.keyboard.press("ArrowDown")
    tab_to(page, "button:has-text('Save action')")
    press_enter_and_wait(page)
    # No reason: the error summary takes the focus and links to the field.
    page.wait_for_function("() => document.activeElement.classList.contains('error-summary')")
    assert "Give the reason we are not doing it" in page.locator(".error-summary").inner_text()
    assert_no_axe_violations(page, "action with an error")
    tab_to(page, ".error-summary a")
    page.keyboard.press("Enter")
    assert focused(page, "id") == "id_reason"
    page.keyboard.type("The group agreed another way to report back works better.")
    tab_to(page, "button:has-text('Save action')")
    press_enter_and_wait(page)
    assert "Not doing" in page.locator("main").text_content()
    assert "another way to report back" in page.locator("main").inner_text()


def test_two_people_change_the_same_words_and_one_merges_by_keyboard(playwright_browser, demo_site):
    first, second = (playwright_browser.new_context() for _ in range(2))
    try:
        sam, priya = first.new_page(), second.new_page()
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
        tab_to(priya, "#id_you_said")
        priya.keyboard.press("Control+A")
        priya.keyboard.type(
            "Online meetings are tiring when they run over ninety minutes, or an hour and a half for some."
        )
        tab_to(priya, "button:has-text('Save the merged version')")
        press_enter_and_wait(priya)
        assert "or an hour and a half for some" in priya.locator("blockquote").inner_text()
        priya.goto(demo_site.url + DOCUMENT + "items/5/history/")
        assert_no_axe_violations(priya, "history after a merge")
    finally:
        first.close()
        second.close()


def test_the_edit_form_says_live_who_else_is_editing_and_their_save(playwright_browser, demo_site):
    first, second = (playwright_browser.new_context() for _ in range(2))
    try:
        declan, sam = first.new_page(), second.new_page()
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

        sam.fill(
            "#id_outcome_wanted", "Everyone who uses a hearing aid can follow from any seat, every time."
        )
        sam.click("button:has-text('Save item')")
        sam.wait_for_url(re.compile(r".*/items/2/$"))
        region.get_by_text("Sam Okafor saved a change to this item").wait_for()
        # Sam has left the form: nobody else is editing it now.
        declan.wait_for_function(
            "() => !document.querySelector('[data-others]').textContent.includes('also editing')"
        )
        assert "When you save, both changes are kept." in region.inner_text()
        assert_no_axe_violations(declan, "edit form after another editor saved")
    finally:
        first.close()
        second.close()
