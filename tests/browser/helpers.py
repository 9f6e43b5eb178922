"""Keyboard and account helpers shared by the browser tests."""

import json
import re
import uuid

DEMO_PASSWORD = "coproduce-demo-2027"


def focused(page, attribute="name"):
    return page.evaluate(f"document.activeElement && document.activeElement.getAttribute('{attribute}')")


def tab_to(page, selector, limit=80):
    """Press Tab until the element `selector` finds (any Playwright selector) has the focus."""
    target = page.locator(selector).first
    for _ in range(limit):
        page.keyboard.press("Tab")
        if target.evaluate("(element) => element === document.activeElement"):
            return
    raise AssertionError(f"Could not reach {selector!r} with the Tab key")


def type_at(page, selector, text):
    """Tab to `selector` and type `text` there."""
    tab_to(page, selector)
    page.keyboard.type(text)


def press_at(page, selector, key):
    """Tab to `selector` and press `key` there: Space ticks a box, an arrow key moves a choice."""
    tab_to(page, selector)
    page.keyboard.press(key)


def submit_at(page, selector):
    """Tab to the button or link `selector` and press Enter; wait for the page it leads to."""
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def sign_in(page, site, email="member@castlebridge-cil.example", password=DEMO_PASSWORD):
    page.goto(site.url + "/account/sign-in/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("button:has-text('Sign in')")
    page.wait_for_url("**/account/profile/")


def emailed_link(site, email, path):
    """The newest link to `path` in an email to `email`: the demo site prints its email to its log."""
    log = site.log_path.read_text(encoding="utf-8", errors="replace")
    emails = [text for text in log.split("-" * 79) if f"To: {email}" in text]
    assert emails, f"No email to {email} in {site.log_path}"
    return re.findall(rf"{re.escape(site.url)}({re.escape(path)}\S+)", emails[-1])[-1]


def start_sign_up(page, site, email):
    """Ask for an account and return the link the email brings."""
    page.goto(site.url + "/account/sign-up/")
    page.fill("#id_email", email)
    page.click("button:has-text('Continue')")
    page.wait_for_url("**/account/sign-up/check-your-email/")
    return site.url + emailed_link(site, email, "/account/sign-up/")


def sign_up(page, site, name="Test Member"):
    """A new account, so a test starts with no answers of its own."""
    email = f"{uuid.uuid4().hex[:10]}@example.org"
    page.goto(start_sign_up(page, site, email))
    page.fill("#id_display_name", name)
    page.fill("#id_password1", "a long enough phrase")
    page.fill("#id_password2", "a long enough phrase")
    page.click("button:has-text('Create account')")
    page.wait_for_url("**/account/profile/")
    return email


def set_preferences(page, site, **prefs):
    page.context.add_cookies([{"name": "display_preferences", "value": json.dumps(prefs), "url": site.url}])


def choose_display_preferences(page, site, text_size="100", contrast="standard"):
    """Save preferences on the preferences page; for a signed-in member they go on the profile."""
    page.goto(site.url + "/display-preferences/")
    page.check(f"input[name=text_size][value='{text_size}']")
    page.check(f"input[name=contrast][value='{contrast}']")
    page.click("button:has-text('Save display preferences')")
