"""Live sessions in a real browser, over daphne's WebSocket: axe, keyboard, live regions."""

import pytest

from tests.accessibility import assert_no_axe_violations
from tests.browser.helpers import (
    choose_display_preferences,
    press_at,
    set_preferences,
    sign_in,
    sign_up,
    tab_to,
    type_at,
)

pytestmark = pytest.mark.browser

LIVE = "/consultations/taking-part-in-board-meetings/live/1/"


def wait_connected(page):
    page.wait_for_function(
        "() => document.querySelector('[data-live=connection]').textContent === 'connected'", timeout=15000
    )


def join_as_new_member(page, site, name):
    sign_up(page, site, name=name)
    page.goto(site.url + LIVE)
    wait_connected(page)


def open_as_chair(context, site):
    chair = context.new_page()
    sign_in(chair, site, "chair@castlebridge-cil.example")
    chair.goto(site.url + LIVE + "chair/")
    wait_connected(chair)
    if chair.text_content("[data-live=state-words]") != "Live now":
        chair.click("button:has-text('Start, or resume')")
        chair.wait_for_function(
            "() => document.querySelector('[data-live=state-words]').textContent === 'Live now'"
        )
    return chair


def send_captions(context, site, lines):
    captioner = context.new_page()
    sign_in(captioner, site, "captioner@castlebridge-cil.example")
    captioner.goto(site.url + LIVE)
    wait_connected(captioner)
    for line in lines:
        send_caption(captioner, line)
    return captioner


def send_caption(captioner, line):
    captioner.fill("#caption-text", line)
    captioner.click("button:has-text('Send caption')")
    captioner.wait_for_function(
        "(t) => document.querySelector('[data-live=captions]').textContent.includes(t)", arg=line
    )


@pytest.mark.parametrize("contrast", ["standard", "high"])
def test_member_page_and_chair_console_have_no_axe_violations_while_live(
    new_context, page, demo_site, contrast
):
    chair = None
    try:
        chair = open_as_chair(new_context(), demo_site)
        choose_display_preferences(chair, demo_site, contrast=contrast)
        chair.goto(demo_site.url + LIVE + "chair/")
        wait_connected(chair)
        set_preferences(page, demo_site, contrast=contrast)  # as a visitor, kept on signing up
        join_as_new_member(page, demo_site, "Axe Member")
        for checked in (page, chair):
            assert f"contrast-{contrast}" in checked.get_attribute("html", "class")
        captioner = send_captions(
            new_context(), demo_site, [f"Caption for the {contrast} check.", "A second line."]
        )
        assert_no_axe_violations(captioner, f"captioner's page ({contrast})")
        page.wait_for_function(
            "() => document.querySelector('[data-live=captions]').textContent.includes('A second line.')"
        )
        page.fill("#hand-note", "I use a communication aid")
        page.click("button:has-text('Raise my hand')")
        page.wait_for_function(
            "() => document.querySelector('[data-live=hand-status]').textContent.includes('number')"
        )
        assert_no_axe_violations(page, f"live member page ({contrast})")
        chair.wait_for_function(
            "() => document.querySelector('[data-live=chair-queue]').textContent.includes('Axe Member')"
        )
        assert_no_axe_violations(chair, f"chair's console ({contrast})")
        page.goto(demo_site.url + LIVE.replace("live/1/", "live/1/record/"))
        assert_no_axe_violations(page, f"session record ({contrast})")
    finally:
        if chair is not None:
            choose_display_preferences(chair, demo_site)  # the demo chair's profile is shared by tests


def test_keyboard_only_member_journey_and_floor_announcement(new_context, page, demo_site):
    chair = open_as_chair(new_context(), demo_site)
    join_as_new_member(page, demo_site, "Keys Only")

    # Raise a hand, with a note.
    type_at(page, "#hand-note", "I will type my point")
    press_at(page, "form[data-live-action=raise_hand] button", "Enter")
    page.wait_for_function(
        "() => document.querySelector('[data-live=hand-status]').textContent.includes('number')"
    )
    assert page.evaluate("document.activeElement.textContent.trim()") == "Lower my hand"

    # Write to the chair.
    type_at(page, "#question-text", "Could the papers come a week earlier?")
    press_at(page, "form[data-live-action=ask_question] button", "Enter")
    page.wait_for_function(
        "() => document.querySelector('[data-live=my-questions]').textContent.includes('a week earlier')"
    )
    chair.wait_for_function(
        "() => document.querySelector('[data-live=chair-questions]').textContent.includes('a week earlier')"
    )

    # Please slow down.
    press_at(page, "[data-shortcut-target=slow]", "Enter")
    page.wait_for_function(
        "() => document.querySelector('[data-live=feedback]').textContent.includes('told')"
    )

    # The chair gives this member the floor: it is announced, and focus stays put.
    page.focus("#question-text")
    chair.wait_for_selector(
        "[data-live=chair-queue] li:has-text('Keys Only') button:has-text('Give the floor')"
    )
    chair.click("[data-live=chair-queue] li:has-text('Keys Only') button:has-text('Give the floor')")
    page.wait_for_function(
        "() => document.querySelector('[data-live=announcer]').textContent === "
        "'You have the floor. The chair has asked you to speak.'"
    )
    assert page.get_attribute("[data-live=announcer]", "aria-live") == "assertive"
    assert page.evaluate("document.activeElement.id") == "question-text"
    assert "You have the floor" in page.text_content("[data-live=hand-status]")

    # Lower the hand.
    press_at(page, "form[data-live-action=lower_hand] button", "Enter")
    page.wait_for_function(
        "() => document.querySelector('[data-live=hand-status]').textContent.includes('down')"
    )


def test_keyboard_only_chair_journey_keeps_the_chairs_place(new_context, demo_site):
    chair = open_as_chair(new_context(), demo_site)
    member = new_context().new_page()
    join_as_new_member(member, demo_site, "Keyboard Chair Guest")
    member.fill("#hand-note", "Please allow time")
    member.click("button:has-text('Raise my hand')")
    member.fill("#question-text", "Will the minutes be in easy read?")
    member.click("button:has-text('Send to the chair')")
    guest = "[data-live=chair-queue] li:has-text('Keyboard Chair Guest')"
    chair.wait_for_selector(guest)
    wait_for_text(chair, "[data-live=chair-questions]", "minutes be in easy read")

    # Give the floor by keyboard: the queue is redrawn, and focus stays on that person's row.
    press_at(chair, f"{guest} form[data-live-action=give_floor] button", "Enter")
    wait_for_text(member, "[data-live=hand-status]", "You have the floor")
    chair.locator(guest, has_text="(has the floor)").wait_for()
    assert chair.evaluate(
        "document.activeElement.closest('li') && "
        "document.activeElement.closest('li').textContent.includes('Keyboard Chair Guest')"
    )

    # Answer the written question, then lower the hand, still by keyboard.
    question = "[data-live=chair-questions] li:has-text('minutes be in easy read')"
    tab_to(chair, f"{question} input[name=status][value=read_out]")
    chair.keyboard.press("ArrowDown")  # to "Answered"
    press_at(chair, f"{question} input[name=publish]", "Space")
    press_at(chair, f"{question} button:has-text('Save')", "Enter")
    chair.locator(question, has_text="Answered, published on the record").wait_for()
    press_at(chair, f"{guest} form[data-live-action=lower_hand_for] button", "Enter")
    wait_for_text(member, "[data-live=hand-status]", "Your hand is down")
    chair.wait_for_selector(guest, state="detached")
    assert chair.evaluate("document.activeElement !== document.body")


# Every control of a written question on the chair's console, as the chair meets it: what it
# is, its label, its value and whether it is ticked (ids and tokens left out, as they differ).
QUESTION_CONTROLS = """(item) => [...item.querySelectorAll("form, fieldset, legend, label, input, button")]
  .map((n) => [
    n.tagName,
    n.getAttribute("type"),
    n.getAttribute("name"),
    ["id", "question_id", "csrfmiddlewaretoken"].includes(n.getAttribute("name"))
      ? null : n.getAttribute("value"),
    n.tagName === "INPUT" ? n.checked : null,
    ["LABEL", "LEGEND", "BUTTON"].includes(n.tagName) ? n.textContent.trim() : null,
    n.tagName === "LABEL" ? item.contains(n.control) : null,
    n.getAttribute("data-live-action"),
  ])"""


def write_to_chair(member, text):
    member.fill("#question-text", text)
    member.click("button:has-text('Send to the chair')")
    wait_for_text(member, "[data-live=my-questions]", text)


def test_chairs_question_controls_are_the_same_when_a_question_arrives_live(new_context, demo_site):
    member = new_context().new_page()
    join_as_new_member(member, demo_site, "Two Questions")
    write_to_chair(member, "Written before the chair opened the console")
    chair = open_as_chair(new_context(), demo_site)
    write_to_chair(member, "Written while the chair watched")
    questions = "[data-live=chair-questions] li"
    wait_for_text(chair, "[data-live=chair-questions]", "Written while the chair watched")
    drawn_by_server = chair.locator(questions, has_text="before the chair opened").evaluate(QUESTION_CONTROLS)
    drawn_live = chair.locator(questions, has_text="while the chair watched").evaluate(QUESTION_CONTROLS)
    assert drawn_live == drawn_by_server
    assert_no_axe_violations(chair, "chair's console with a question drawn live")


def test_chair_publishes_and_unpublishes_a_written_question_by_keyboard(new_context, demo_site):
    chair = open_as_chair(new_context(), demo_site)
    member = new_context().new_page()
    join_as_new_member(member, demo_site, "Record Reader")
    text = "Please publish the minutes in large print"
    write_to_chair(member, text)
    question = f"[data-live=chair-questions] li:has-text('{text}')"
    chair.wait_for_selector(question)
    record = chair.context.new_page()

    press_at(chair, f"{question} input[name=publish]", "Space")
    press_at(chair, f"{question} button:has-text('Save')", "Enter")
    chair.locator(question, has_text="Read out, published on the record").wait_for()
    record.goto(demo_site.url + LIVE + "record/")
    assert text in record.text_content("main")

    chair.keyboard.press("Shift+Tab")  # back to the box, now ticked
    assert chair.evaluate("document.activeElement.name") == "publish"
    chair.keyboard.press("Space")
    chair.keyboard.press("Tab")
    chair.keyboard.press("Enter")
    chair.locator(question, has_not_text="published on the record").wait_for()
    record.goto(demo_site.url + LIVE + "record/")
    assert text not in record.text_content("main")


def test_keyboard_only_captioner_sends_lines_with_enter_and_keeps_typing(new_context, demo_site):
    open_as_chair(new_context(), demo_site)
    captioner = new_context().new_page()
    sign_in(captioner, demo_site, "captioner@castlebridge-cil.example")
    captioner.goto(demo_site.url + LIVE)
    wait_connected(captioner)
    tab_to(captioner, "#caption-text")
    for line in ("Good evening, everyone.", "We start with transport."):
        captioner.keyboard.type(line)
        captioner.keyboard.press("Enter")
        wait_for_text(captioner, "[data-live=captions]", line)
    assert captioner.evaluate("document.activeElement.id") == "caption-text"
    assert captioner.input_value("#caption-text") == ""
    captioner.keyboard.type("Two lines")
    captioner.keyboard.press("Shift+Enter")
    captioner.keyboard.type("in one caption.")
    captioner.keyboard.press("Enter")
    wait_for_text(captioner, "[data-live=captions]", "in one caption.")


def test_captions_region_is_polite_and_can_be_switched_off(page, demo_site):
    join_as_new_member(page, demo_site, "Caption Reader")
    captions = page.locator("[data-live=captions]")
    assert captions.get_attribute("aria-live") == "polite"
    page.uncheck("#captions-announce")
    assert captions.get_attribute("aria-live") == "off"
    page.reload()
    wait_connected(page)
    assert captions.get_attribute("aria-live") == "off"  # the choice is remembered


# Records every text the assertive announcer region is given, to count announcements.
RECORD_ANNOUNCEMENTS = """
window.announced = [];
document.addEventListener("DOMContentLoaded", () => {
  const region = document.querySelector("[data-live=announcer]");
  if (!region) return;
  new MutationObserver(() => { if (region.textContent) window.announced.push(region.textContent); })
    .observe(region, { childList: true, characterData: true, subtree: true });
});
"""


def wait_for_text(page, selector, text, timeout=15000):
    page.wait_for_function(
        "([s, t]) => document.querySelector(s) && document.querySelector(s).textContent.includes(t)",
        arg=[selector, text],
        timeout=timeout,
    )


class SocketSwitch:
    """Puts the page's WebSocket through Playwright, so a test can cut it and refuse reconnects."""

    def __init__(self, page):
        self.allow = True
        self.open = []
        page.route_web_socket("**/ws/live/**", self._route)

    def _route(self, ws):
        if not self.allow:
            ws.close()
            return
        server = ws.connect_to_server()
        self.open.append((ws, server))

    def cut(self):
        self.allow = False
        for ws, server in self.open:
            ws.close()
            server.close()
        self.open = []


def test_announcements_come_once_and_actions_wait_out_a_lost_connection(new_context, page, demo_site):
    chair = open_as_chair(new_context(), demo_site)
    sign_up(page, demo_site, name="Once Only")
    page.add_init_script(RECORD_ANNOUNCEMENTS)
    switch = SocketSwitch(page)
    page.goto(demo_site.url + LIVE)
    wait_connected(page)

    # A break and the return from it are each announced once.
    chair.click("button:has-text('Pause for a break')")
    wait_for_text(page, "[data-live=state-words]", "On a break")
    chair.click("button:has-text('Start, or resume')")
    wait_for_text(page, "[data-live=state-words]", "Live now")

    page.click("button:has-text('Raise my hand')")
    wait_for_text(page, "[data-live=hand-status]", "number")
    give = "[data-live=chair-queue] li:has-text('Once Only') button:has-text('Give the floor')"
    chair.wait_for_selector(give)
    chair.click(give)
    wait_for_text(page, "[data-live=hand-status]", "You have the floor")

    # The connection drops, and the server refuses to take it back for now.
    switch.cut()
    wait_for_text(page, "[data-live=connection]", "reconnecting")
    page.fill("#question-text", "Written while the connection was down")
    page.click("button:has-text('Send to the chair')")
    assert (
        page.text_content("[data-live=connection]") == "offline: your actions will be sent when you reconnect"
    )

    # Back again: the waiting action is sent, once, and nothing is announced twice.
    switch.allow = True
    wait_connected(page)
    wait_for_text(page, "[data-live=my-questions]", "Written while the connection was down")
    wait_for_text(chair, "[data-live=chair-questions]", "Written while the connection was down")
    page.wait_for_timeout(500)
    announced = page.evaluate("window.announced")
    assert announced.count("The session is on a break.") == 1, announced
    assert announced.count("The session is live.") == 1, announced
    assert announced.count("You have the floor. The chair has asked you to speak.") == 1, announced
    assert chair.locator("[data-live=chair-questions] li", has_text="connection was down").count() == 1

    # The chair answers the written question: the member sees it change.
    question = chair.locator("[data-live=chair-questions] li", has_text="connection was down")
    question.locator("input[name=status][value=answered]").check()
    question.locator("input[name=publish]").check()
    question.locator("button:has-text('Save')").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-live=my-questions] li')].some("
        "li => li.textContent.includes('connection was down') && li.textContent.includes('Answered'))"
    )
    page.click("button:has-text('Lower my hand')")
    wait_for_text(page, "[data-live=hand-status]", "down")


def test_caption_choices_follow_the_profile_and_the_member(playwright_browser, new_context, page, demo_site):
    # Captions on by default for someone who chose it in their profile.
    sign_up(page, demo_site, name="Caption Fan")
    page.goto(demo_site.url + "/account/profile/edit/")
    page.check("#id_captions_on")
    page.click("button:has-text('Save your profile')")
    page.goto(demo_site.url + LIVE)
    wait_connected(page)
    assert page.is_checked("#captions-show")
    assert page.is_visible("[data-live=captions]")

    # Others start with them off, and can switch them on.
    other_context = playwright_browser.new_context()
    try:
        other = other_context.new_page()
        sign_up(other, demo_site, name="Captions Later")
        other.goto(demo_site.url + LIVE)
        wait_connected(other)
        assert not other.is_checked("#captions-show")
        assert not other.is_visible("[data-live=captions]")
        other.check("#captions-show")
        assert other.is_visible("[data-live=captions]")
    finally:
        other_context.close()

    # Bigger caption text.
    base = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.captions')).fontSize)")
    page.select_option("#captions-size", "3")
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('[data-live=captions]')).fontSize)"
    )
    assert size == 3 * base

    # With auto-scroll paused, new captions do not pull the member away from what they are reading.
    open_as_chair(new_context(), demo_site)  # captions are taken once the session is live
    captioner = send_captions(new_context(), demo_site, [f"Filling line {n}." for n in range(12)])
    wait_for_text(page, "[data-live=captions]", "Filling line 11.")
    at_bottom = (
        "(() => { const l = document.querySelector('[data-live=captions]');"
        " return l.scrollHeight > l.clientHeight"
        " && l.scrollTop + l.clientHeight >= l.scrollHeight - 2; })()"
    )
    assert page.evaluate(at_bottom), "with auto-scroll on, the newest caption is in view"
    page.uncheck("#captions-scroll")
    page.evaluate("document.querySelector('[data-live=captions]').scrollTop = 0")
    send_caption(captioner, "A line that arrives while reading back.")
    wait_for_text(page, "[data-live=captions]", "while reading back")
    assert page.evaluate("document.querySelector('[data-live=captions]').scrollTop") == 0


def test_single_key_shortcuts_are_listed_and_off_until_turned_on(page, demo_site):
    join_as_new_member(page, demo_site, "Shortcut User")
    shortcuts = page.text_content("section:has(#shortcuts-heading)")
    for words in (
        "Raise or lower your hand",
        "Go to the box for writing to the chair",
        "Show or hide captions",
    ):
        assert words in shortcuts
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("h")
    page.wait_for_timeout(500)
    assert "Your hand is down" in page.text_content("[data-live=hand-status]")

    page.check("#shortcuts-on")
    page.focus("#question-text")
    page.keyboard.type("hello")  # typing in a box never triggers a shortcut
    page.wait_for_timeout(500)
    assert "Your hand is down" in page.text_content("[data-live=hand-status]")
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("h")
    wait_for_text(page, "[data-live=hand-status]", "number")
    page.keyboard.press("h")
    wait_for_text(page, "[data-live=hand-status]", "Your hand is down")


def test_live_pages_reflow_at_400_percent_zoom_with_large_text(new_context, demo_site):
    page = new_context(viewport={"width": 320, "height": 256}).new_page()
    try:
        sign_in(page, demo_site, "chair@castlebridge-cil.example")
        choose_display_preferences(page, demo_site, text_size="200", contrast="high")
        for path in (LIVE, LIVE + "chair/", LIVE + "record/"):
            page.goto(demo_site.url + path)
            assert "text-200" in page.get_attribute("html", "class")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px wide"
    finally:
        choose_display_preferences(page, demo_site)  # the demo chair's profile is shared by tests


def test_the_page_works_without_javascript(new_context, demo_site):
    # Every script is blocked, as by a strict firewall or a browser with scripts off; the page
    # still has to be usable. (Scripts are blocked rather than switched off so that axe, which
    # Playwright injects from outside the page, can still run.)
    context = new_context()
    blocked = []
    context.route("**/*.js", lambda route: (blocked.append(route.request.url), route.abort()))
    sockets = []
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
