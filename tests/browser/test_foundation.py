"""Real Chromium against daphne: zero axe violations, keyboard journeys, preferences."""

import pytest

from tests.accessibility import assert_no_axe_violations
from tests.browser.helpers import set_preferences, sign_in, start_sign_up

pytestmark = pytest.mark.browser
PUBLIC_PAGES = [
    "/",
    "/about-us/",
    "/how-we-work-together/",
    "/accessibility-statement/",
    "/search/?q=support",
    "/display-preferences/",
    "/account/sign-in/",
    "/account/sign-up/",
    "/account/password-reset/",
]
CONTRASTS = ["standard", "high", "dark"]


@pytest.mark.parametrize("contrast", CONTRASTS)
def test_public_pages_have_no_axe_violations(page, demo_site, contrast):
    set_preferences(page, demo_site, contrast=contrast)
    for path in PUBLIC_PAGES:
        page.goto(demo_site.url + path)
        assert page.locator("h1").count() == 1, path
        assert_no_axe_violations(page, f"{path} ({contrast})")


@pytest.mark.parametrize("contrast", CONTRASTS)
def test_signed_in_pages_have_no_axe_violations(page, demo_site, contrast):
    set_preferences(page, demo_site, contrast=contrast)
    sign_in(page, demo_site)
    for path in ["/account/profile/", "/account/profile/edit/", "/account/delete/", "/display-preferences/"]:
        page.goto(demo_site.url + path)
        assert_no_axe_violations(page, f"{path} ({contrast})")


@pytest.mark.parametrize("contrast", ["standard", "high"])
def test_forms_with_errors_have_no_axe_violations(page, demo_site, contrast):
    set_preferences(page, demo_site, contrast=contrast)
    page.goto(demo_site.url + "/account/sign-in/")
    page.fill("#id_username", "member@castlebridge-cil.example")
    page.fill("#id_password", "not the password")
    page.click("button:has-text('Sign in')")
    assert page.locator(".error-summary").is_visible()
    # site.js (deferred) moves the focus to the summary once the page has loaded.
    page.wait_for_function("() => document.activeElement.classList.contains('error-summary')")
    assert_no_axe_violations(page, f"sign in with an error ({contrast})")

    page.goto(demo_site.url + "/account/sign-up/")
    page.click("button:has-text('Continue')")
    assert page.locator(".error-summary li").count() == 1
    assert_no_axe_violations(page, f"sign up with an error ({contrast})")

    page.goto(start_sign_up(page, demo_site, f"axe-{contrast}@example.org"))
    page.click("button:has-text('Create account')")
    assert page.locator(".error-summary li").count() >= 3
    assert_no_axe_violations(page, f"finishing sign up with errors ({contrast})")


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, demo_site):
    page.goto(demo_site.url + "/about-us/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


def test_error_summary_link_moves_focus_to_the_field(page, demo_site):
    page.goto(start_sign_up(page, demo_site, "focus-check@example.org"))
    page.fill("#id_display_name", "Jo")
    page.click("button:has-text('Create account')")
    page.click(".error-summary a[href='#id_password1']")
    assert page.evaluate("document.activeElement.id") == "id_password1"
    assert page.input_value("#id_display_name") == "Jo"


def test_preferences_can_be_chosen_and_saved_with_the_keyboard_alone(page, demo_site):
    page.goto(demo_site.url + "/display-preferences/")
    # Tab from the top of the page to the first text size option.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "text_size":
            break
    else:
        pytest.fail("The text size options could not be reached with Tab")
    page.keyboard.press("ArrowDown")  # 125%
    page.keyboard.press("ArrowDown")  # 150%
    page.keyboard.press("Tab")  # contrast group
    assert page.evaluate("document.activeElement.name") == "contrast"
    page.keyboard.press("ArrowDown")  # high contrast
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "readable_spacing"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Save display preferences"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    classes = page.evaluate("document.documentElement.className").split()
    assert {"text-150", "contrast-high", "spacing-readable"} <= set(classes)
    page.goto(demo_site.url + "/")
    assert "contrast-high" in page.evaluate("document.documentElement.className")


def test_signed_in_preferences_follow_the_member_to_a_new_browser(playwright_browser, page, demo_site):
    sign_in(page, demo_site, "advisory@castlebridge-cil.example")
    page.goto(demo_site.url + "/display-preferences/")
    page.check("#id_text_size_3")
    page.check("#id_contrast_2")
    page.click("button:has-text('Save display preferences')")

    other = playwright_browser.new_context()
    try:
        other_page = other.new_page()
        sign_in(other_page, demo_site, "advisory@castlebridge-cil.example")
        classes = other_page.evaluate("document.documentElement.className").split()
        assert {"text-200", "contrast-dark"} <= set(classes)
    finally:
        other.close()


@pytest.mark.parametrize("text_size", ["100", "200"])
def test_pages_reflow_at_400_percent_zoom(playwright_browser, demo_site, text_size):
    # 1280 CSS px wide at 400% zoom is a 320 px viewport (WCAG 1.4.10); and again with the
    # largest text preference on top.
    context = playwright_browser.new_context(viewport={"width": 320, "height": 256})
    try:
        page = context.new_page()
        set_preferences(page, demo_site, text_size=text_size)
        for path in PUBLIC_PAGES:
            page.goto(demo_site.url + path)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px wide"
    finally:
        context.close()


def test_consultations_list_does_not_scroll_sideways_at_320px_with_the_largest_text(
    playwright_browser, demo_site
):
    # The board filter's long names must not hold the page wider than the screen.
    context = playwright_browser.new_context(viewport={"width": 320, "height": 256})
    try:
        page = context.new_page()
        set_preferences(page, demo_site, text_size="200")
        page.goto(demo_site.url + "/consultations/")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"/consultations/ scrolls sideways by {overflow}px at 320px wide"
    finally:
        context.close()


LOGO_BOX = """() => {
  const box = document.querySelector('.site-header__logo').getBoundingClientRect();
  const name = document.querySelector('.site-header__name').getBoundingClientRect();
  return [box.width, box.height, name.left, name.top];
}"""


def test_the_header_logo_holds_its_place_before_it_loads(page, demo_site):
    held = []
    page.route("**/media/images/**", lambda route: held.append(route))
    with page.expect_request("**/media/images/**"):
        page.goto(demo_site.url + "/about-us/", wait_until="domcontentloaded")
    # The held request reaches the handler as Playwright dispatches its events: let it run.
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(20)
    assert held, "the logo was never requested"
    before = page.evaluate(LOGO_BOX)
    for route in held:
        route.continue_()
    page.wait_for_function(
        "() => { const logo = document.querySelector('.site-header__logo');"
        " return logo.complete && logo.naturalWidth > 0; }"
    )
    assert page.evaluate(LOGO_BOX) == before
