"""Live polls in a real browser over daphne's WebSocket: axe, keyboard only, a ticked answer kept."""

import pytest

from tests.accessibility import assert_no_axe_violations
from tests.browser.helpers import sign_up, tab_to
from tests.browser.test_live import LIVE, join_as_new_member, open_as_chair, wait_connected

pytestmark = pytest.mark.browser

QUESTION = "Shall we take a ten minute break now?"


def panel_says(page, words, timeout=15000):
    page.wait_for_function(
        "(w) => document.querySelector('[data-poll-panel]').textContent.includes(w)",
        arg=words,
        timeout=timeout,
    )


def test_a_member_votes_by_keyboard_and_a_ticked_answer_survives_updates(playwright_browser, page, demo_site):
    chair_context = playwright_browser.new_context()
    other_context = playwright_browser.new_context()
    chair = None
    try:
        chair = open_as_chair(chair_context, demo_site)
        join_as_new_member(page, demo_site, "Poll Voter")
        other = other_context.new_page()
        join_as_new_member(other, demo_site, "Second Voter")

        # The chair types a quick poll and opens it; it reaches the members' pages live.
        chair.fill("#quick-poll-text", QUESTION)
        chair.fill("#quick-poll-option_1", "Yes, now")
        chair.fill("#quick-poll-option_2", "No, carry on")
        chair.click("button:has-text('Open the quick poll')")
        panel_says(chair, "Run the poll")
        panel_says(page, QUESTION)
        panel_says(other, QUESTION)
        assert_no_axe_violations(page, "member's live page with a poll open")

        # Keyboard only: the first member ticks an answer and does not send it yet.
        tab_to(page, "[data-poll-panel] input[name=answer]")
        page.keyboard.press("Space")
        first_choice = page.locator("[data-poll-panel] input[name=answer]").first
        assert first_choice.is_checked()

        # Updates arrive: the chair shows the results, the other member votes.
        chair.click("button:has-text('Show results to everyone')")
        panel_says(page, "0 people have voted")
        other.click("[data-poll-panel] label:has-text('No, carry on')")
        other.click("button:has-text('Send my vote')")
        panel_says(page, "1 person has voted")
        assert first_choice.is_checked()
        assert first_choice.evaluate("(element) => element === document.activeElement")

        # Then the member sends the vote, still with the keyboard alone.
        tab_to(page, "[data-poll-panel] button:has-text('Send my vote')")
        page.keyboard.press("Enter")
        page.wait_for_function(
            "() => document.querySelector('[data-live=feedback]')"
            ".textContent.includes('Your vote is counted')"
        )
        panel_says(chair, "2 people have voted")
        panel_says(chair, "1 of 2 chose \u201cYes, now\u201d")
        assert_no_axe_violations(chair, "chair's console with poll results")

        chair.click("button:has-text('Close and show everyone the results')")
        panel_says(page, "(final)")
        panel_says(page, "answer on the consultation page")
        assert_no_axe_violations(page, "member's live page after the poll closed")
    finally:
        if chair is not None and chair.locator("button:has-text('Close without showing')").count():
            chair.click("button:has-text('Close without showing')")
        chair_context.close()
        other_context.close()


def test_the_vote_works_as_a_form_post_without_javascript(playwright_browser, demo_site):
    chair_context = playwright_browser.new_context()
    member_context = playwright_browser.new_context(java_script_enabled=False)
    try:
        chair = open_as_chair(chair_context, demo_site)
        chair.fill("#quick-poll-text", "Is the sound clear enough?")
        chair.fill("#quick-poll-option_1", "Yes")
        chair.fill("#quick-poll-option_2", "No")
        chair.click("button:has-text('Open the quick poll')")
        panel_says(chair, "Run the poll")
        member = member_context.new_page()
        sign_up(member, demo_site, name="No Script")
        member.goto(demo_site.url + LIVE)
        member.click("[data-poll-panel] label:has-text('Yes')")
        member.click("button:has-text('Send my vote')")
        assert "Your vote is counted." in member.text_content("main")
        assert member.locator("[data-poll-panel] input[name=answer]").first.is_checked()
        chair.click("button:has-text('Close without showing')")
        wait_connected(chair)
    finally:
        chair_context.close()
        member_context.close()
