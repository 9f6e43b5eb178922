"""Limits on requests that send email or test a password (docs/security.md, "Request limits").

Each limit counts the same whether or not an address has an account, so neither the
page nor the refusal tells anyone which addresses are registered.
"""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from coproduction.common.ratelimit import allow, client_address

HOUR = 60 * 60


@dataclass(frozen=True)
class Limit:
    """At most `limit` events per `window_seconds` for one key; `message` says why one is refused."""

    name: str
    limit: int
    window_seconds: int
    message: str
    per_connection: bool = False

    def allows(self, key):
        """Count one event for `key`: False (and not counted) if it would pass the limit."""
        if self.per_connection and not settings.ACCOUNT_LIMITS_PER_CONNECTION:
            return True
        return allow(f"members:{self.name}:{key}", self.limit, self.window_seconds)


def email_key(email):
    """A cache key for an email address that does not keep the address itself."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


SIGN_IN_PER_ADDRESS = Limit(
    "sign-in-address",
    60,
    HOUR,
    _("There have been too many attempts to sign in from your connection. Wait an hour, then try again."),
    per_connection=True,
)
RESET_PER_ADDRESS = Limit(
    "reset-address",
    10,
    HOUR,
    _(
        "There have been too many requests to reset a password from your connection. "
        "Wait an hour, then try again."
    ),
    per_connection=True,
)
RESET_PER_EMAIL = Limit(
    "reset-email",
    3,
    HOUR,
    _(
        "You have asked for a reset link for this email address 3 times in the last hour. "
        "Check your inbox and junk folder, or wait an hour, then ask again."
    ),
)
SIGN_UP_PER_ADDRESS = Limit(
    "sign-up-address",
    20,
    HOUR,
    _(
        "There have been too many requests to create an account from your connection. "
        "Wait an hour, then try again."
    ),
    per_connection=True,
)
SIGN_UP_PER_EMAIL = Limit(
    "sign-up-email",
    3,
    HOUR,
    _(
        "You have asked us to email this address 3 times in the last hour. "
        "Check your inbox and junk folder, or wait an hour, then try again."
    ),
)
INVITATIONS_PER_MEMBER = Limit(
    "invitations-member",
    10,
    HOUR,
    _("You have sent 10 invitations in the last hour. Wait an hour, then send more."),
)
INVITATIONS_PER_EMAIL = Limit(
    "invitations-email",
    3,
    HOUR,
    _("This email address has been sent 3 invitations in the last hour. Wait an hour, then try again."),
)


def refusal(request, email, per_address, per_email):
    """The message refusing this request, or None once it is counted against both limits.

    Returns (field, message): field is None for a limit on the connection, "email" for one
    on the address typed.
    """
    if not per_address.allows(client_address(request)):
        return None, per_address.message
    if not per_email.allows(email_key(email)):
        return "email", per_email.message
    return None
