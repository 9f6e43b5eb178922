"""The editor's audio version page in a real browser, with the real worker in its own process."""

import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import sign_in
from tests.servers import ROOT, DemoSite, suite_database_name

pytestmark = pytest.mark.browser


@pytest.fixture
def site(tmp_path):
    # A site of its own: the audio version it makes would change the shared demo's pages.
    site = DemoSite(tmp_path, name=suite_database_name() + "_audio").prepare().start()
    yield site
    site.close()


def manage(site, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=site.env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    ).stdout


def test_the_audio_page_shows_when_the_audio_is_ready_without_a_reload(page, site):
    page_id = manage(
        site,
        "shell",
        "--verbosity=0",
        "-c",
        "from consultations.models import ConsultationPage;"
        "print(ConsultationPage.objects.get(slug='taking-part-in-board-meetings').pk)",
    ).strip()
    sign_in(page, site, "editor@castlebridge-cil.example")
    page.goto(f"{site.url}/admin/consultations/{page_id}/audio/")
    with page.expect_navigation():
        page.click("button:has-text('Make the audio version')")
    status = page.locator("#audio-status")
    expect(status).to_contain_text("Being made…")
    page.evaluate("window.sameDocument = true")

    manage(site, "db_worker", "--backend", "background", "--batch", "--no-reload", "--no-startup-delay")

    expect(status).to_contain_text("Ready: made", timeout=20_000)
    assert page.evaluate("window.sameDocument === true")
