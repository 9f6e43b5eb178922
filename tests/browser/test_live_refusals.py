"""The live page tells "not allowed" apart from a lost connection, in a real browser.

The page's timers run on Playwright's clock, so "it does not try again" is checked by
moving that clock on, not by waiting.
"""

import pytest

from tests.browser.helpers import sign_up
from tests.browser.test_live import LIVE, wait_connected, wait_for_text

pytestmark = pytest.mark.browser

NOT_ALLOWED = "you are not allowed to join this session"


def count_sockets(page):
    opened = []
    page.on("websocket", lambda ws: opened.append(ws.url) if "/ws/live/" in ws.url else None)
    return opened


def test_a_member_removed_during_a_session_is_told_and_the_page_does_not_retry(page, demo_site):
    sign_up(page, demo_site, name="Leaving Soon")
    page.clock.install()
    opened = count_sockets(page)
    page.goto(demo_site.url + LIVE)
    wait_connected(page)
    assert len(opened) == 1

    # In another tab, the member deletes their account: the server closes the socket (4403).
    other = page.context.new_page()
    other.goto(demo_site.url + "/account/delete/")
    other.fill("input[name=password]", "a long enough phrase")
    other.check("input[name=confirm]")
    other.click("button:has-text('Delete my account')")
    other.wait_for_url(demo_site.url + "/")

    wait_for_text(page, "[data-live=connection]", NOT_ALLOWED)
    assert page.get_attribute("[data-live=connection]", "role") == "status"
    # Ten minutes of the page's timers: any reconnection would have been tried by now.
    page.clock.run_for(10 * 60 * 1000)
    assert NOT_ALLOWED in page.text_content("[data-live=connection]")
    assert len(opened) == 1


def test_a_socket_closed_as_too_slow_reconnects_and_resumes(page, demo_site):
    sign_up(page, demo_site, name="Slow Line")
    page.clock.install()
    routes = []

    def through_server(ws):
        ws.connect_to_server()
        routes.append(ws)

    page.route_web_socket("**/ws/live/**", through_server)
    page.goto(demo_site.url + LIVE)
    wait_connected(page)

    # The server gives up on a client that did not keep up (4408): a lost connection.
    routes[-1].close(code=4408, reason="too slow: reconnect and resume")
    wait_for_text(page, "[data-live=connection]", "reconnecting")
    page.clock.run_for(1000)  # the first wait of the backoff is at most one second
    wait_connected(page)
    assert len(routes) == 2
