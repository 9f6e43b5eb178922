"""A browser's requests to a real server, made by hand: HTTP with its own cookies and no automatic
redirects, and a live session's WebSocket."""

import asyncio
import json
import re
import urllib.error
import urllib.parse
import urllib.request

from websockets.asyncio.client import connect

DEMO_PASSWORD = "coproduce-demo-2027"


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def cookies_from(response):
    """name -> value for each Set-Cookie header of a response."""
    found = {}
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


class Browser:
    """One person's browser: its own cookies, no automatic redirects, every status kept."""

    def __init__(self, site, cookies=None):
        self.site = site
        self.cookies = dict(cookies or {})
        self.opener = urllib.request.build_opener(NoRedirects)

    def cookie_header(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def request(self, path, data=None):
        headers = {"Cookie": self.cookie_header()}
        if data is not None:
            headers["Referer"] = self.site.url + path
            data = urllib.parse.urlencode(data).encode()
        # The site is always this test's own server on http://127.0.0.1.
        request = urllib.request.Request(self.site.url + path, data=data, headers=headers)  # noqa: S310
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        with response:
            self.cookies.update(cookies_from(response))
            return response.status, response.headers.get("Location"), response.read().decode()

    def sign_in(self, email):
        _status, _location, html = self.request("/account/sign-in/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        status, _location, _html = self.request(
            "/account/sign-in/", {"username": email, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token}
        )
        assert status == 302, f"{email} could not sign in"
        return self

    def form_token(self, path):
        _status, _location, html = self.request(path)
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


class LiveSocket:
    """A page's live socket on a real server: it says hello from its last seq, and acts by id."""

    path = "/ws/live/1/"

    def __init__(self, cookie, site=None, timeout=10):
        self.cookie, self.site, self.timeout = cookie, site, timeout
        self.ws, self.last_seq, self.ids = None, None, 0

    async def open(self, site=None):
        """Connect (to `site`, or the one it was last on); the snapshot, or `synced` when it resumes."""
        self.site = site or self.site
        url = self.site.url.replace("http://", "ws://") + self.path
        self.ws = await connect(url, origin=self.site.url, additional_headers={"Cookie": self.cookie})
        await self.ws.send(json.dumps({"type": "hello", "last_seq": self.last_seq}))
        return await self.until(lambda m: m["type"] in ("snapshot", "synced"))

    async def reconnect(self, site=None, attempts=50):
        """Reconnect as the page script does: retry until the server answers."""
        for attempt in range(attempts):
            try:
                return await self.open(site)
            except OSError:
                await asyncio.sleep(min(0.1 * 2**attempt, 1.0))
        raise AssertionError("Could not reconnect")

    async def until(self, predicate, timeout=None):
        """Read messages until one matches; return it."""
        async with asyncio.timeout(timeout or self.timeout):
            while True:
                message = json.loads(await self.ws.recv())
                self.received(message)
                if predicate(message):
                    return message

    def received(self, message):
        """Keep the last seq seen, to resume from."""
        if isinstance(message.get("seq"), int):
            self.last_seq = max(self.last_seq or 0, message["seq"])

    async def act(self, action_type, **fields):
        """Send an action; its `ack` (anything else fails the test)."""
        self.ids += 1
        action_id = f"{action_type}-{self.ids}"
        await self.ws.send(json.dumps({"type": action_type, "id": action_id, **fields}))
        reply = await self.until(lambda m: m.get("id") == action_id)
        assert reply["type"] == "ack", reply
        return reply
