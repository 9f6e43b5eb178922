"""Live sessions in a real browser, over daphne's WebSocket: axe, keyboard, live regions."""

import pytest

from tests.accessibility import assert_no_axe_violations
from tests.browser.helpers import set_preferences, sign_in, sign_up, tab_to

pytestmark = pytest.mark.browser

LIVE = "/consultations/taking-part-in-board-meetings/live/1/"


def wait_connected(page):
    page.wait_for_function(
        "document.querySelector('[data-live=connection]').textContent === 'connected'", timeout=15000
    )


def open_as_chair(context, site):
    chair = context.new_page()
    sign_in(chair, site, "chair@castlebridge-cil.example")
    chair.goto(site.url + LIVE + "chair/")
    wait_connected(chair)
    if chair.text_content("[data-live=state-words]") != "Live now":
        chair.click("button:has-text('Start, or resume')")
        chair.wait_for_function(
            "document.querySelector('[data-live=state-words]').textContent === 'Live now'"
        )
    return chair


def send_captions(context, site, lines):
    captioner = context.new_page()
    sign_in(captioner, site, "captioner@castlebridge-cil.example")
    captioner.goto(site.url + LIVE)
    wait_connected(captioner)
    for line in lines:
        captioner.fill("#caption-text", line)
        captioner.click("button:has-text('Send caption')")
        captioner.wait_for_function(
            "(t) => document.querySelector('[data-live=captions]').textContent.includes(t)", arg=line
        )
    return captioner


@pytest.mark.parametrize("contrast", ["standard", "high"])
def test_member_page_and_chair_console_have_no_axe_violations_while_live(
    playwright_browser, page, demo_site, contrast
):
    chair_context = playwright_browser.new_context()
    captioner_context = playwright_browser.new_context()
    try:
        set_preferences(page, demo_site, contrast=contrast)
        chair_context.add_cookies(page.context.cookies())
        chair = open_as_chair(chair_context, demo_site)
        sign_up(page, demo_site, name="Axe Member")
        page.goto(demo_site.url + LIVE)
        wait_connected(page)
        send_captions(captioner_context, demo_site, [f"Caption for the {contrast} check.", "A second line."])
        page.wait_for_function(
            "document.querySelector('[data-live=captions]').textContent.includes('A second line.')"
        )
        page.fill("#hand-note", "I use a communication aid")
        page.click("button:has-text('Raise my hand')")
        page.wait_for_function(
            "document.querySelector('[data-live=hand-status]').textContent.includes('number')"
        )
        assert_no_axe_violations(page, f"live member page ({contrast})")
        chair.wait_for_function(
            "document.querySelector('[data-live=chair-queue]').textContent.includes('Axe Member')"
        )
        assert_no_axe_violations(chair, f"chair's console ({contrast})")
        page.goto(demo_site.url + LIVE.replace("live/1/", "live/1/record/"))
        assert_no_axe_violations(page, f"session record ({contrast})")
    finally:
        chair_context.close()
        captioner_context.close()


def test_keyboard_only_member_journey_and_floor_announcement(playwright_browser, page, demo_site):
    chair_context = playwright_browser.new_context()
    try:
        chair = open_as_chair(chair_context, demo_site)
        sign_up(page, demo_site, name="Keys Only")
        page.goto(demo_site.url + LIVE)
        wait_connected(page)

        # Raise a hand, with a note.
        tab_to(page, "#hand-note")
        page.keyboard.type("I will type my point")
        tab_to(page, "form[data-live-action=raise_hand] button")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "document.querySelector('[data-live=hand-status]').textContent.includes('number')"
        )
        assert page.evaluate("document.activeElement.textContent.trim()") == "Lower my hand"

        # Write to the chair.
        tab_to(page, "#question-text")
        page.keyboard.type("Could the papers come a week earlier?")
        tab_to(page, "form[data-live-action=ask_question] button")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "document.querySelector('[data-live=my-questions]').textContent.includes('a week earlier')"
        )
        chair.wait_for_function(
            "document.querySelector('[data-live=chair-questions]').textContent.includes('a week earlier')"
        )

        # Please slow down.
        tab_to(page, "[data-shortcut-target=slow]")
        page.keyboard.press("Enter")
        page.wait_for_function("document.querySelector('[data-live=feedback]').textContent.includes('told')")

        # The chair gives this member the floor: it is announced, and focus stays put.
        page.focus("#question-text")
        chair.wait_for_selector(
            "[data-live=chair-queue] li:has-text('Keys Only') button:has-text('Give the floor')"
        )
        chair.click("[data-live=chair-queue] li:has-text('Keys Only') button:has-text('Give the floor')")
        page.wait_for_function(
            "document.querySelector('[data-live=announcer]').textContent === "
            "'You have the floor. The chair has asked you to speak.'"
        )
        assert page.get_attribute("[data-live=announcer]", "aria-live") == "assertive"
        assert page.evaluate("document.activeElement.id") == "question-text"
        assert "You have the floor" in page.text_content("[data-live=hand-status]")

        # Lower the hand.
        tab_to(page, "form[data-live-action=lower_hand] button")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "document.querySelector('[data-live=hand-status]').textContent.includes('down')"
        )
    finally:
        chair_context.close()


def test_captions_region_is_polite_and_can_be_switched_off(page, demo_site):
    sign_up(page, demo_site, name="Caption Reader")
    page.goto(demo_site.url + LIVE)
    wait_connected(page)
    captions = page.locator("[data-live=captions]")
    assert captions.get_attribute("aria-live") == "polite"
    page.uncheck("#captions-announce")
    assert captions.get_attribute("aria-live") == "off"
    page.reload()
    wait_connected(page)
    assert captions.get_attribute("aria-live") == "off"  # the choice is remembered


def test_the_page_works_without_javascript(playwright_browser, demo_site):
    # Every script is blocked, as by a strict firewall or a browser with scripts off; the page
    # still has to be usable. (Scripts are blocked rather than switched off so that axe, which
    # Playwright injects from outside the page, can still run.)
    context = playwright_browser.new_context()
    blocked = []
    context.route("**/*.js", lambda route: (blocked.append(route.request.url), route.abort()))
    sockets = []
    try:
        page = context.new_page()
        page.on("websocket", lambda socket: sockets.append(socket.url))
        sign_up(page, demo_site, name="No Script")
        page.goto(demo_site.url + LIVE)
        page.fill("#question-text", "Sent with JavaScript switched off")
        page.click("button:has-text('Send to the chair')")
        assert "Your question has been sent to the chair." in page.text_content("main")
        assert "Sent with JavaScript switched off" in page.text_content("[data-live=my-questions]")
        page.click("a:has-text('Refresh this page')")
        assert "Sent with JavaScript switched off" in page.text_content("[data-live=my-questions]")
        assert any(url.endswith("live.js") for url in blocked) and sockets == []
        assert_no_axe_violations(page, "live page without JavaScript")
    finally:
        context.close()
