"""What the server's log says about requests: one line for a refusal, a traceback only for a fault."""

import re
import time

from tests.http_client import Browser

CHAIR_CONSOLE = "/consultations/taking-part-in-board-meetings/live/1/chair/"


def log_lines_after(site, offset, until):
    """The lines the server logs from `offset` on, once a line matching `until` is there."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with open(site.log_path, "rb") as log:
            log.seek(offset)
            text = log.read().decode("utf-8", "replace")
        # The access line is written once the response has gone, so it may trail it a moment.
        if re.search(until, text):
            return text.splitlines()
        time.sleep(0.05)
    raise AssertionError(f"The server logged nothing matching {until!r}")


def test_a_refused_request_is_one_line_in_the_servers_log(demo_site):
    member = Browser(demo_site).sign_in("member@castlebridge-cil.example")
    offset = demo_site.log_path.stat().st_size

    status, _location, _html = member.request(CHAIR_CONSOLE)

    assert status == 403
    lines = log_lines_after(demo_site, offset, rf'"GET {CHAIR_CONSOLE}" 403')
    about_it = [line for line in lines if CHAIR_CONSOLE in line or "Traceback" in line]
    assert len(about_it) == 1, "\n".join(lines)


def test_a_form_refused_for_its_missing_token_is_one_line_in_the_servers_log(demo_site):
    offset = demo_site.log_path.stat().st_size

    status, _location, _html = Browser(demo_site).request("/account/sign-in/", {"username": "x"})

    assert status == 403
    lines = log_lines_after(demo_site, offset, r'"POST /account/sign-in/" 403')
    about_it = [line for line in lines if "/account/sign-in/" in line or "Traceback" in line]
    assert len(about_it) == 1, "\n".join(lines)
