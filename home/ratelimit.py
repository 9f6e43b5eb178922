"""The rate limit and the client address, as feature apps imported them from here before they moved.

They live in `coproduction.common.ratelimit`, below members, so members can use them
too; new code imports them from there. This module goes once no app imports it.
"""

from coproduction.common.ratelimit import allow, client_address

__all__ = ["allow", "client_address"]
