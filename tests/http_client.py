"""A browser's HTTP requests to a real server, made by hand: its own cookies, no automatic redirects."""

import re
import urllib.error
import urllib.parse
import urllib.request

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

    def request(self, path, data=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
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
