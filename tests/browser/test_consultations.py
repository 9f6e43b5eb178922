"""Consultations in a real browser: zero axe violations, and answering by keyboard alone."""

import pytest

from tests.accessibility import assert_no_axe_violations
from tests.browser.helpers import press_at, set_preferences, sign_in, sign_up, submit_at, type_at

pytestmark = pytest.mark.browser

OPEN = "/consultations/taking-part-in-board-meetings/"
CLOSED = "/consultations/getting-to-health-appointments/"


@pytest.mark.parametrize("contrast", ["standard", "high"])
def test_consultation_pages_have_no_axe_violations(page, demo_site, contrast):
    set_preferences(page, demo_site, contrast=contrast)
    for path in [
        "/consultations/",
        "/consultations/?status=open",
        OPEN,
        CLOSED,
        CLOSED + "results/",
        OPEN + "other-formats/",
        CLOSED + "answer/",
    ]:
        page.goto(demo_site.url + path)
        assert page.locator("h1").count() == 1, path
        assert_no_axe_violations(page, f"{path} ({contrast})")


def test_easy_read_first_puts_the_easy_read_version_first(page, demo_site):
    set_preferences(page, demo_site, easy_read_first=True)
    page.goto(demo_site.url + OPEN)
    headings = page.locator("main h2").all_inner_texts()
    assert headings[0] == "Easy read"
    assert page.locator(".easy-read__text").first.inner_text() == (
        "The Health and Wellbeing Board makes decisions about health and care."
    )
    assert_no_axe_violations(page, "consultation, easy read first")


@pytest.mark.parametrize("contrast", ["standard", "high"])
def test_answering_pages_have_no_axe_violations(page, demo_site, contrast):
    set_preferences(page, demo_site, contrast=contrast)
    sign_up(page, demo_site)
    page.goto(demo_site.url + OPEN + "answer/1/")
    assert_no_axe_violations(page, f"question page ({contrast})")
    page.click("button:has-text('Save and continue')")
    assert page.locator(".error-summary").is_visible()
    assert page.locator(".error-summary a").inner_text() == "Choose an answer"
    assert_no_axe_violations(page, f"question page with an error ({contrast})")
    page.goto(demo_site.url + OPEN + "answer/4/")
    assert_no_axe_violations(page, f"ranking question ({contrast})")
    page.goto(demo_site.url + OPEN + "answer/5/")
    page.fill("textarea", "x" * 1001)
    page.click("button:has-text('Save and continue')")
    assert "Your answer must be 1000 characters or fewer" in page.locator(".error-summary").inner_text()
    assert_no_axe_violations(page, f"text question with an error ({contrast})")


def test_editor_sees_live_results_without_axe_violations(page, demo_site):
    sign_in(page, demo_site, "editor@castlebridge-cil.example")
    page.goto(demo_site.url + OPEN + "results/")
    assert "live counts" in page.locator("main").inner_text()
    assert_no_axe_violations(page, "live results")
    page.goto(demo_site.url + CLOSED + "analysis/")
    assert_no_axe_violations(page, "moderation and themes")


def test_answer_every_kind_of_question_with_the_keyboard_alone(page, demo_site):
    sign_up(page, demo_site, name="Keyboard User")
    page.goto(demo_site.url + OPEN + "answer/1/")

    # 1. Single choice: arrow keys move between the radio buttons and choose.
    press_at(page, "input[name=answer]", "ArrowDown")
    submit_at(page, "button[name=continue]")

    # 2. Multiple choice, with "other, please say".
    press_at(page, "input[name=answer]", "Space")
    press_at(page, "input[name=answer][value=other]", "Space")
    type_at(page, "input[name=other_text]", "Somewhere quiet to rest")
    submit_at(page, "button[name=continue]")

    # 3. Rating scale.
    press_at(page, "input[name=answer]", "Space")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    submit_at(page, "button[name=continue]")

    # 4. Ranking: a position for each item, chosen from a list, no dragging.
    for position in ("3", "1", "4", "2"):
        type_at(page, "select:not([data-done])", position)
        page.evaluate("document.activeElement.setAttribute('data-done', '')")
    submit_at(page, "button[name=continue]")

    # 5. Free text, with a character count that screen readers hear.
    type_at(page, "textarea", "Please send the papers a week earlier.")
    page.wait_for_function(
        "() => document.querySelector('[data-character-count-live]').textContent.includes('characters left')"
    )
    assert page.locator("[data-character-count-live]").get_attribute("aria-live") == "polite"
    submit_at(page, "button[name=continue]")

    # Check your answers, then send.
    main = page.locator("main").inner_text()
    for expected in [
        "Online, from home",
        "Other: Somewhere quiet to rest",
        "3 – Neither good nor poor",
        "1. Meetings at times that suit me",
        "Please send the papers a week earlier.",
    ]:
        assert expected in main
    assert_no_axe_violations(page, "check your answers")
    press_at(page, "input[name=publish_consent]", "Space")
    submit_at(page, "button[data-prevent-double-click]")
    assert page.locator("h1").inner_text() == "Your answers have been sent"
    assert_no_axe_violations(page, "confirmation")


def answer_open_consultation(page, site):
    """Answer the demo's open consultation with the first choice of everything, then send."""
    page.goto(site.url + OPEN + "answer/1/")
    page.locator("input[name=answer]").first.check()
    page.click("button[name=continue]")
    page.locator("input[name=answer]").first.check()
    page.click("button[name=continue]")
    page.locator("input[name=answer]").first.check()
    page.click("button[name=continue]")
    for position, select in enumerate(page.locator("select").all(), start=1):
        select.select_option(str(position))
    page.click("button[name=continue]")
    page.fill("textarea", "Please send the papers earlier.")
    page.click("button[name=continue]")
    page.click("button[data-prevent-double-click]")
    page.wait_for_url("**/answer/done/")


def test_a_change_not_yet_sent_is_marked_without_axe_violations(page, demo_site):
    sign_up(page, demo_site, name="Changing Member")
    answer_open_consultation(page, demo_site)
    page.goto(demo_site.url + OPEN + "answer/1/")
    page.locator("input[name=answer]").nth(1).check()
    page.click("button[name=continue]")
    page.wait_for_url("**/answer/check/")
    assert page.locator("text=Changed, not sent yet").count() == 1
    assert_no_axe_violations(page, "check your answers with a change not sent")
    page.goto(demo_site.url + OPEN)
    assert_no_axe_violations(page, "consultation page with a change not sent")


def test_staff_see_a_members_communication_needs_without_axe_violations(page, demo_site):
    email = sign_up(page, demo_site, name="Needs Member")
    page.goto(demo_site.url + "/account/profile/edit/")
    page.check("input[name=communication_needs][value=easy_read]")
    page.click("button[type=submit]:has-text('Save')")
    page.context.clear_cookies()
    demo_site.manage(
        "shell",
        "-c",
        "from django.contrib.auth.models import Permission; from coproduction.members.models import User; "
        "User.objects.get(email='editor@castlebridge-cil.example').user_permissions.add("
        "Permission.objects.get(codename='view_communication_needs'))",
    )
    sign_in(page, demo_site, "editor@castlebridge-cil.example")
    page.goto(demo_site.url + OPEN + "answer-for/")
    page.fill("#id_member_email", email)
    page.locator("input[name=channel]").first.check()
    page.check("input[name=consent]")
    page.click("button:has-text('Start entering their answers')")
    page.wait_for_url("**/answer/1/")
    assert page.locator(".communication-needs li").all_inner_texts() == ["Easy read"]
    assert_no_axe_violations(page, "answering for a member, with their communication needs")


def test_too_many_fields_page_has_no_axe_violations(page, demo_site):
    query = "&".join(f"field{n}=x" for n in range(60))
    response = page.goto(demo_site.url + f"/consultations/?{query}")
    assert response.status == 400
    assert page.locator("h1").inner_text() == "We could not read what was sent"
    assert_no_axe_violations(page, "too many fields")
