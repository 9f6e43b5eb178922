"""The in-memory channel layer `make run` and the tests use, without its O(N²) broadcast.

channels' InMemoryChannelLayer sweeps every channel for expired messages on every receive
and every group_send: with N sockets in one session, one broadcast makes N receives, each
walking N channels. Here the sweep runs at most once per SWEEP_SECONDS; what it removes,
and when, is otherwise the same (a message is still dropped once it has waited `expiry`
seconds, and its channel removed from its groups, as before). Only for one process: any
second process needs the Redis layer (docs/deploy.md).
"""

import time

from channels.layers import InMemoryChannelLayer

SWEEP_SECONDS = 1.0


class SweepingInMemoryChannelLayer(InMemoryChannelLayer):
    """InMemoryChannelLayer with its expiry sweep run at most once a second."""

    _last_sweep = 0.0

    def _clean_expired(self):
        now = time.monotonic()
        if now - self._last_sweep < SWEEP_SECONDS:
            return
        self._last_sweep = now
        super()._clean_expired()
