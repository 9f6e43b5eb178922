"""The Content-Security-Policy in a real browser: nothing it blocks, axe and the live page work."""

import subprocess
import sys

import pytest

from tests.accessibility import assert_no_axe_violations
from tests.browser.helpers import sign_in, sign_up
from tests.servers import ROOT

pytestmark = pytest.mark.browser

LIVE = "/consultations/taking-part-in-board-meetings/live/1/"

# Added by Playwright before any page script, so the policy does not apply to it.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(event.violatedDirective + " blocked " + (event.blockedURI || "inline code"));
});
"""


@pytest.fixture
def watched(page):
    """The page, recording policy violations from events and from the console."""
    page.add_init_script(RECORD_VIOLATIONS)
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.console_csp_errors = console
    return page


def violations(page):
    return page.evaluate("window.cspViolations") + page.console_csp_errors


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/consultations/",
        "/consultations/taking-part-in-board-meetings/",
        "/account/sign-in/",
        "/search/?q=board",
    ],
)
def test_pages_under_the_policy_pass_axe_and_break_no_rule(watched, demo_site, path):
    watched.goto(demo_site.url + path)
    assert watched.evaluate("document.querySelector('meta[http-equiv]') === null")
    assert_no_axe_violations(watched, f"{path} under the Content-Security-Policy")
    assert violations(watched) == []


def test_the_policy_is_on_while_the_pages_are_checked(watched, demo_site):
    response = watched.goto(demo_site.url + "/")
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_the_live_page_connects_and_works_under_the_policy(watched, demo_site):
    sign_up(watched, demo_site, name="Policy Member")
    watched.goto(demo_site.url + LIVE)
    watched.wait_for_function(
        "() => document.querySelector('[data-live=connection]').textContent === 'connected'", timeout=15000
    )
    watched.evaluate("window.stillThisPage = true")  # a form post's reload would forget it
    watched.fill("#question-text", "Does the policy let this through?")
    watched.click("button:has-text('Send to the chair')")
    watched.wait_for_function(
        "() => document.querySelector('[data-live=my-questions]')"
        ".textContent.includes('Does the policy let this through?')"
    )
    assert watched.evaluate("window.stillThisPage === true")
    assert_no_axe_violations(watched, "live page under the Content-Security-Policy")
    assert violations(watched) == []


def page_id(site, slug):
    """A page's id in the demo site's database."""
    code = f"from wagtail.models import Page; print(Page.objects.get(slug={slug!r}).pk)"
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=site.env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.strip().splitlines()[-1])


def test_the_wagtail_page_editor_works_under_its_policy(watched, demo_site):
    # The demo administrator, for this smoke check of the admin's own policy only.
    sign_in(watched, demo_site, "admin@castlebridge-cil.example")
    edit_url = f"{demo_site.url}/admin/pages/{page_id(demo_site, 'taking-part-in-board-meetings')}/edit/"
    watched.goto(edit_url)
    watched.wait_for_load_state("networkidle")
    # The editor's scripts ran: the tabs they build can be used.
    watched.get_by_role("tab", name="Promote").click()
    assert watched.get_by_role("tabpanel", name="Promote").is_visible()
    assert violations(watched) == []
