"""Where the display preferences page sends people back to.

What the preferences are, and their cookie, live in `coproduction.members.preferences`.
"""

from urllib.parse import parse_qs, urlsplit

from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from coproduction.common.validation import has_control_character

# Longer addresses are not worth coming back to: some proxies refuse them anyway.
RETURN_ADDRESS_MAX_LENGTH = 2000


def page_to_return_to(request, address):
    """The page on this site to go back to after choosing display preferences, or "".

    An address of the preferences page itself stands for the page it would go back to,
    so following the header's "Display preferences" link there never nests `next`.
    """
    preferences_path = reverse("display_preferences")
    # Each turn unwraps one level, and the address inside is shorter: this ends.
    while True:
        if (
            not address
            or len(address) > RETURN_ADDRESS_MAX_LENGTH
            or has_control_character(address)
            or not url_has_allowed_host_and_scheme(address, {request.get_host()}, request.is_secure())
        ):
            return ""
        parts = urlsplit(address)
        if parts.path != preferences_path:
            return address
        address = parse_qs(parts.query).get("next", [""])[0]
