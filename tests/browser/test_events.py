"""Events and World Café in a real browser: zero axe violations, and registering and
harvesting with the keyboard alone. One demo site serves the whole module."""

import re

import pytest

from tests.accessibility import assert_no_axe_violations
from tests.browser.helpers import sign_in, sign_up, tab_to
from tests.servers import DemoSite, suite_database_name

pytestmark = pytest.mark.browser

INDEX = "/events/"
PAST = "/events/having-your-say/"
UPCOMING = "/events/board-papers-you-can-read/"
CAFE = PAST + "world-cafe/"
# The upcoming hybrid event whose World Café has remote seats in its live session.
LIVE_EVENT = "/events/getting-about/"
REMOTE_CAFE = LIVE_EVENT + "world-cafe/"


@pytest.mark.parametrize("contrast", ["standard", "high"])
def test_event_pages_have_no_axe_violations(page, demo_site, contrast):
    from tests.browser.helpers import set_preferences

    set_preferences(page, demo_site, contrast=contrast)
    for path in [
        INDEX,
        INDEX + "?when=past",
        INDEX + "?format=online&topic=information-and-papers",
        PAST,
        UPCOMING,
        CAFE,
        CAFE + "output/",
        LIVE_EVENT,
        REMOTE_CAFE,
    ]:
        page.goto(demo_site.url + path)
        assert page.locator("h1").count() == 1, path
        assert_no_axe_violations(page, f"{path} ({contrast})")


def test_the_published_harvest_shows_themes_with_counts_and_each_table(page, demo_site):
    page.goto(demo_site.url + CAFE + "output/")
    assert page.locator("h3", has_text="Papers people can read").count() == 1
    assert page.locator("#tables-heading ~ section h3").count() == 6
    assert "40 contributions from 6 tables over 3 rounds" in page.locator("main").inner_text()


def test_registration_form_and_its_error_summary_have_no_axe_violations(page, demo_site):
    sign_up(page, demo_site, name="Form Checker")
    page.goto(demo_site.url + UPCOMING + "register/")
    assert_no_axe_violations(page, "registration form")
    page.fill("#id_other_access_requirements", "x" * 1001)
    page.click("button:has-text('Register')")
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert "must be 1,000 characters or fewer" in summary.inner_text()
    assert_no_axe_violations(page, "registration form with an error")


def test_register_with_access_requirements_by_keyboard_alone_then_see_my_events(page, demo_site):
    sign_up(page, demo_site, name="Keyboard Registrant")
    page.goto(demo_site.url + UPCOMING)
    tab_to(page, "a.button:has-text('Register')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/register/")

    tab_to(page, "input[name=access_requirements][value=bsl]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=access_requirements][value=quiet_room]")
    page.keyboard.press("Space")
    tab_to(page, "#id_other_access_requirements")
    page.keyboard.type("Papers a week before, please.")
    tab_to(page, "#id_brings_supporter")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]:has-text('Register')")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.locator("h1").inner_text() == "You are registered"
    assert_no_axe_violations(page, "registration confirmation")
    page.goto(demo_site.url + "/my-events/")
    main = page.locator("main").inner_text()
    assert "Online drop-in: Board papers you can read" in main
    assert "British Sign Language (BSL) interpreter, A quiet room" in main
    assert "Papers a week before, please." in main
    assert_no_axe_violations(page, "my events")


def test_harvest_form_at_phone_width_has_no_axe_violations(playwright_browser, demo_site):
    context = playwright_browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    phone = context.new_page()
    try:
        sign_in(phone, demo_site, "facilitator@castlebridge-cil.example")
        phone.goto(demo_site.url + CAFE + "harvest/")
        assert phone.evaluate("document.documentElement.scrollWidth") <= 375
        assert_no_axe_violations(phone, "harvest form at 375px")
        phone.click("button:has-text('Add contribution')")
        assert phone.locator(".error-summary").is_visible()
        assert_no_axe_violations(phone, "harvest form with errors at 375px")
    finally:
        context.close()


def test_add_a_harvest_contribution_by_keyboard_alone(page, demo_site):
    sign_in(page, demo_site, "advisory@castlebridge-cil.example")
    page.goto(demo_site.url + CAFE + "harvest/")
    # The host of Table 2 sees their own table only, already chosen.
    assert page.locator("input[name=table]").count() == 1
    tab_to(page, "input[name=round]")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#id_text")
    page.keyboard.type("Captions on the screen, not only in the app.")
    tab_to(page, "button:has-text('Add contribution')")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "Added to Table 2: Ash, round 2." in page.locator(".notification-banner").inner_text()
    assert "Captions on the screen, not only in the app." in page.locator("main").inner_text()


def test_organiser_pages_have_no_axe_violations(page, demo_site):
    sign_in(page, demo_site, "facilitator@castlebridge-cil.example")
    page.goto(demo_site.url + UPCOMING + "attendees/")
    assert "1 needs live captions" in page.locator("main").inner_text()
    assert_no_axe_violations(page, "attendees")
    page.goto(demo_site.url + UPCOMING + "attendees/access/")
    assert_no_axe_violations(page, "access requirements")
    page.goto(demo_site.url + CAFE + "themes/")
    assert_no_axe_violations(page, "themes and tagging")


# The upcoming hybrid event's live session and remote seats at its World Café tables. The demo
# gives member@ a place online there; advisory@ hosts "Table 2: Ash"; facilitator@ runs the rounds.


def test_live_session_and_remote_seat_pages_have_no_axe_violations(page, demo_site):
    sign_in(page, demo_site, "member@castlebridge-cil.example")
    page.goto(demo_site.url + LIVE_EVENT)
    live = page.locator("#live-heading ~ ul")
    assert "Starts" in live.inner_text()
    assert_no_axe_violations(page, "event page with its live session")
    with page.expect_navigation():
        page.click("a:has-text('Join the live session')")
    assert page.url.startswith(demo_site.url + LIVE_EVENT + "live/")
    page.locator("[data-live=connection]", has_text=re.compile("^connected$")).wait_for()
    assert_no_axe_violations(page, "the live page hosted by the event")

    page.goto(demo_site.url + REMOTE_CAFE)
    with page.expect_navigation():
        page.click("a:has-text('Take a remote seat')")
    assert page.locator("h1").inner_text() == "Take a remote seat"
    assert_no_axe_violations(page, "remote seat")
    page.click("button:has-text('Take this seat')")
    assert "Choose the round" in page.locator(".error-summary").inner_text()
    assert_no_axe_violations(page, "remote seat with an error summary")


def test_people_without_a_place_online_are_told_why_not(page, demo_site):
    sign_up(page, demo_site, name="Not Registered")
    page.goto(demo_site.url + LIVE_EVENT)
    assert "Register to take part online." in page.locator("#live-heading ~ ul").inner_text()
    assert page.locator("a:has-text('Join the live session')").count() == 0
    page.goto(demo_site.url + UPCOMING)
    assert page.locator("#live-heading").count() == 0  # no session there


def test_take_a_remote_seat_send_and_the_host_accepts_by_keyboard_alone(page, demo_site, playwright_browser):
    host_context = playwright_browser.new_context(viewport={"width": 1280, "height": 900})
    host = host_context.new_page()
    try:
        sign_in(host, demo_site, "advisory@castlebridge-cil.example")
        host.goto(demo_site.url + REMOTE_CAFE + "remote/")
        host.locator("[data-remote=connection]", has_text="Connected: updates appear here.").wait_for()
        assert_no_axe_violations(host, "the table host's remote contributions")

        sign_in(page, demo_site, "member@castlebridge-cil.example")
        page.goto(demo_site.url + REMOTE_CAFE + "seat/")
        tab_to(page, "#id_round_0")
        page.keyboard.press("Space")  # round 1
        tab_to(page, "#id_table_0")
        page.keyboard.press("ArrowDown")  # Table 2: Ash
        tab_to(page, "button:has-text('Take this seat')")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert (
            "You have a seat at Table 2: Ash for round 1."
            in page.locator(".notification-banner").inner_text()
        )

        page.locator("[data-remote=connection]", has_text="Connected: updates appear here.").wait_for()
        tab_to(page, "#id_send-round_0")
        page.keyboard.press("Space")
        tab_to(page, "#id_send-text")
        page.keyboard.type("Evening meetings, so people who work can come.")
        tab_to(page, "button:has-text('Send to my table')")
        page.keyboard.press("Enter")
        feedback = page.locator("[data-remote=feedback]")
        feedback.filter(has_text="Sent to your table's host").wait_for()
        assert "Waiting for the host" in page.locator("[data-remote=sent]").text_content()

        # The host's page gets it live, and the host accepts it with the keyboard.
        arrived = host.locator(
            "[data-remote=waiting] li", has_text="Evening meetings, so people who work can come."
        )
        arrived.wait_for()
        host.locator("[data-remote=announcer]", has_text="New from a remote seat at Table 2: Ash").wait_for(
            state="attached"
        )
        tab_to(host, "[data-remote=waiting] li:has-text('Evening meetings') button")
        host.keyboard.press("Enter")
        arrived.filter(has_text="Accepted into the harvest.").wait_for()
        # The pressed button is gone; focus stays at that contribution, not lost to the page.
        assert host.evaluate(
            "document.activeElement.closest('[data-remote=waiting] li') !== null"
            " && document.activeElement.textContent.includes('Accepted into the harvest.')"
        )
        assert_no_axe_violations(host, "remote contributions after accepting")

        # The member hears it politely and sees it in the harvest.
        page.locator("[data-remote=announcer]", has_text="added your contribution to the harvest").wait_for(
            state="attached"
        )
        assert page.locator("[data-remote=announcer]").get_attribute("aria-live") == "polite"
        assert "In the harvest" in page.locator("[data-remote=sent]").text_content()
        assert_no_axe_violations(page, "remote seat after sending")
    finally:
        host_context.close()


def test_the_host_declines_live_with_a_reason_and_the_member_hears_it(page, demo_site, playwright_browser):
    host_context = playwright_browser.new_context(viewport={"width": 1280, "height": 900})
    host = host_context.new_page()
    text = "A bus pass for the day of the event, please."
    reason = "The organisers are already sorting travel: see the joining instructions."
    try:
        sign_in(page, demo_site, "member@castlebridge-cil.example")
        page.goto(demo_site.url + REMOTE_CAFE + "seat/")
        page.check("#id_round_1")
        page.get_by_label("Table 2: Ash", exact=True).check()
        with page.expect_navigation():
            page.click("button:has-text('Take this seat')")
        page.locator("[data-remote=connection]", has_text="Connected: updates appear here.").wait_for()

        sign_in(host, demo_site, "advisory@castlebridge-cil.example")
        host.goto(demo_site.url + REMOTE_CAFE + "remote/")
        host.locator("[data-remote=connection]", has_text="Connected: updates appear here.").wait_for()

        page.check("#id_send-round_1")
        page.fill("#id_send-text", text)
        page.click("button:has-text('Send to my table')")
        page.locator("[data-remote=feedback]", has_text="Sent to your table's host").wait_for()

        # Arrived live, with its own Decline form; declined over the socket, by keyboard.
        arrived = host.locator("[data-remote=waiting] li", has_text=text)
        arrived.locator("input[name$=reason]").wait_for()
        tab_to(host, f"[data-remote=waiting] li:has-text('{text}') input[name$=reason]")
        host.keyboard.type(reason)
        tab_to(host, f"[data-remote=waiting] li:has-text('{text}') button:has-text('Decline')")
        host.keyboard.press("Enter")
        arrived.filter(has_text="Declined: not added to the harvest.").wait_for()
        assert host.evaluate(
            "document.activeElement.closest('[data-remote=waiting] li') !== null"
            " && document.activeElement.textContent.includes('Declined')"
        )
        assert_no_axe_violations(host, "remote contributions after declining live")

        announcer = page.locator("[data-remote=announcer]")
        announcer.filter(
            has_text=f"did not add your contribution to the harvest. They said: {reason}"
        ).wait_for(state="attached")
        mine = page.locator("[data-remote=sent] li", has_text=text)
        assert "Not added to the harvest" in mine.text_content()
        assert f"The host said: {reason}" in mine.inner_text()
        assert_no_axe_violations(page, "remote seat after a decline")
    finally:
        host_context.close()


def test_a_round_and_a_hosts_note_reach_the_remote_seat_by_keyboard_alone(
    page, demo_site, playwright_browser
):
    """The facilitator starts round 1 and the host of Table 2 sends a note, each with the keyboard;
    the member seated at Table 2 sees the question, the time left and the note, and hears each
    politely. Time passes on the member's page by its injected clock, never by waiting."""
    from datetime import datetime, timedelta

    contexts = [playwright_browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(2)]
    facilitator, host = (context.new_page() for context in contexts)
    try:
        sign_in(page, demo_site, "member@castlebridge-cil.example")
        page.goto(demo_site.url + REMOTE_CAFE + "seat/")
        page.check("#id_round_0")
        page.get_by_label("Table 2: Ash", exact=True).check()
        with page.expect_navigation():
            page.click("button:has-text('Take this seat')")
        # The member's device clock is seven minutes slow: the page counts by the server's clock.
        page.clock.install(time=datetime.now() - timedelta(minutes=7))
        page.reload()
        page.locator("[data-remote=connection]", has_text="Connected: updates appear here.").wait_for()
        assert "No round has started yet." in page.locator("[data-remote=time-left]").inner_text()

        sign_in(facilitator, demo_site, "facilitator@castlebridge-cil.example")
        facilitator.goto(demo_site.url + REMOTE_CAFE + "remote/")
        tab_to(facilitator, "#id_round_0")
        facilitator.keyboard.press("Space")
        tab_to(facilitator, "#id_minutes")
        assert facilitator.locator("#id_minutes").input_value() == "20"  # the round's own length
        tab_to(facilitator, "button:has-text('Start the round')")
        with facilitator.expect_navigation():
            facilitator.keyboard.press("Enter")
        assert "The round has started." in facilitator.locator(".notification-banner").inner_text()
        assert_no_axe_violations(facilitator, "the table host's page with a round running")

        announcer = page.locator("[data-remote=announcer]")
        announcer.filter(
            has_text="Round 1 has started: What makes the journey to a public meeting hard?"
        ).wait_for(state="attached")
        assert announcer.get_attribute("aria-live") == "polite"
        time_left = page.locator("[data-remote=time-left]")
        assert re.fullmatch(
            r"About (19|20) minutes left in round 1, ends at \d{1,2}(:\d\d)?(am|pm)\.", time_left.inner_text()
        )
        assert (
            "What makes the journey to a public meeting hard?"
            in page.locator("[data-remote=round-now]").inner_text()
        )
        assert page.locator("[data-remote=my-table]").inner_text() == "Your seat for round 1: Table 2: Ash."

        sign_in(host, demo_site, "advisory@castlebridge-cil.example")
        host.goto(demo_site.url + REMOTE_CAFE + "remote/")
        host.locator("[data-remote=connection]", has_text="Connected: updates appear here.").wait_for()
        tab_to(host, "#id_note-table_0")
        host.keyboard.press("Space")
        tab_to(host, "#id_note-text")
        host.keyboard.type("We're now talking about buses: add anything on the number 12.")
        tab_to(host, "button:has-text('Send the note')")
        host.keyboard.press("Enter")
        host.locator("[data-remote=note-feedback]", has_text="Your note has gone").wait_for()

        note = "We're now talking about buses: add anything on the number 12."
        page.locator("[data-remote=notes] li", has_text=note).wait_for()
        announcer.filter(has_text=f"Note from the host of Table 2: Ash: {note}").wait_for(state="attached")
        assert_no_axe_violations(page, "remote seat with a round running and a note")

        # Fifteen and a half minutes later: about 5 left, said once; then 1; then time is up.
        page.clock.fast_forward("15:30")
        announcer.filter(has_text="About 5 minutes left in round 1").wait_for(state="attached")
        assert time_left.inner_text().startswith("About 5 minutes left in round 1, ends at")
        page.clock.fast_forward("04:00")
        announcer.filter(has_text="About 1 minute left in round 1").wait_for(state="attached")
        page.clock.fast_forward("01:00")
        announcer.filter(has_text="Time is up for round 1.").wait_for(state="attached")
        assert time_left.inner_text().startswith("Time is up for round 1")

        # More time, by keyboard: said politely, and the time left starts again.
        facilitator.reload()
        tab_to(facilitator, "#id_minutes")
        assert facilitator.locator("#id_minutes").input_value() == "5"
        tab_to(facilitator, "button:has-text('Give more time')")
        with facilitator.expect_navigation():
            facilitator.keyboard.press("Enter")
        announcer.filter(has_text="More time: round 1 now ends at").wait_for(state="attached")
        with facilitator.expect_navigation():
            facilitator.click("button:has-text('End round 1')")
        announcer.filter(has_text="Round 1 has ended.").wait_for(state="attached")
        assert time_left.inner_text() == "Round 1 has ended."
    finally:
        for context in contexts:
            context.close()


# After the event's live session has ended: a site of its own, since ending the session would
# change the shared demo for every other test.
SENT_BEFORE_THE_END = "Could papers come a week before, in large print?"
ENDED_SETUP = """
from coproduction.live.models import LiveSession
from coproduction.members.models import User
from events.models import RemoteContribution, RemoteSeat, WorldCafePage

session = LiveSession.objects.get(host__url_path__endswith="/getting-about/")
cafe = WorldCafePage.objects.child_of(session.host).get()
member = User.objects.get(email="member@castlebridge-cil.example")
seat = RemoteSeat.objects.create(
    member=member, table=cafe.tables.get(name="Table 2: Ash"), round=cafe.rounds.order_by("sort_order")[0]
)
RemoteContribution.objects.create(
    session=session, table=seat.table, round=seat.round, member=member, text={text!r}
)
session.state = "ended"
session.save()
"""


@pytest.fixture
def ended_site(tmp_path):
    site = DemoSite(tmp_path, name=suite_database_name() + "_ended_cafe").prepare()
    site.manage("shell", "-c", ENDED_SETUP.format(text=SENT_BEFORE_THE_END))
    site.start()
    yield site
    site.close()


def test_after_the_live_session_a_host_declines_what_is_waiting_by_keyboard_alone(page, ended_site):
    sign_in(page, ended_site, "advisory@castlebridge-cil.example")  # hosts Table 2: Ash
    page.goto(ended_site.url + REMOTE_CAFE + "remote/")
    assert "The live session has ended." in page.locator("[data-remote=ended]").inner_text()
    item = page.locator("[data-remote=waiting] li", has_text=SENT_BEFORE_THE_END)
    assert item.locator("button", has_text="Accept into the harvest").count() == 1
    assert page.locator("button:has-text('Start the round'), button:has-text('Send the note')").count() == 0
    assert_no_axe_violations(page, "the host's page after the live session")

    reason = "Table 1 said the same, and it is in their part of the harvest."
    tab_to(page, "[data-remote=waiting] li input[name$=reason]")
    page.keyboard.type(reason)
    tab_to(page, "[data-remote=waiting] li button:has-text('Decline')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Declined: it is not added to the harvest." in page.locator(".notification-banner").inner_text()
    assert "Nothing is waiting." in page.locator("[data-remote=waiting]").inner_text()
    declined = page.locator("[data-remote=declined] li", has_text=SENT_BEFORE_THE_END)
    assert f"Reason given: {reason}" in declined.inner_text()
    assert_no_axe_violations(page, "the host's page after declining")

    # The member who sent it sees what became of it, and why.
    page.context.clear_cookies()
    sign_in(page, ended_site, "member@castlebridge-cil.example")
    page.goto(ended_site.url + REMOTE_CAFE + "seat/")
    sent = page.locator("[data-remote=sent] li", has_text=SENT_BEFORE_THE_END)
    assert "Not added to the harvest" in sent.text_content()  # a tag, shown in capitals
    assert f"The host said: {reason}" in sent.inner_text()
    assert_no_axe_violations(page, "the remote seat page after the live session")
