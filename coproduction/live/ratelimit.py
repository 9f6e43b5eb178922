""" "At most 10 actions in any second" for live sessions, exactly: a sliding-window log.

Each person's accepted actions are kept with their times; an action is accepted only if
fewer than the limit were accepted in the window before it, so no run of actions within
one window, wherever it falls on the clock, passes the limit. A refused action is not
recorded, so waiting always gets through.

With REDIS_URL set the log is a sorted set in Redis, checked and added to in one script,
so all of a person's connections on every server process count together. Without it (the
embedded default, one process) the log is kept in the process.

The clock is injectable, so tests cross a second boundary without waiting for one.
"""

import threading
import time
import uuid

from django.conf import settings
from django.core.cache import cache

from .protocol import ACTIONS_PER_SECOND

# KEYS[1]: the log. ARGV: now, window (seconds), limit, a unique member name, expiry.
_REDIS_SCRIPT = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then
  return 0
end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[5])
return 1
"""


# A person's log is forgotten after this long without an action. Far longer than the
# window, so an injected clock never outruns it.
KEEP_SECONDS = 60


class SlidingWindow:
    """At most `limit` accepted events per key in any `window` seconds."""

    def __init__(self, name, limit, window, clock=time.time):
        self.name = name
        self.limit = limit
        self.window = window
        self.clock = clock
        self._lock = threading.Lock()
        self._script = None

    def allow(self, key):
        """Record one event for `key` and return True, or return False and record nothing."""
        now = self.clock()
        if settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
            return self._allow_in_redis(key, now)
        return self._allow_here(key, now)

    def _key(self, key):
        return f"sliding:{self.name}:{key}"

    def _allow_here(self, key, now):
        # The process's own cache (the embedded default serves one process); the lock
        # makes the read and the write one step.
        with self._lock:
            times = [t for t in cache.get(self._key(key), []) if t > now - self.window]
            if len(times) >= self.limit:
                return False
            cache.set(self._key(key), [*times, now], timeout=KEEP_SECONDS)
            return True

    def _allow_in_redis(self, key, now):
        if self._script is None:
            # The cache's own client and key prefix: the suite clears the test prefix.
            self._script = cache._cache.get_client(write=True).register_script(_REDIS_SCRIPT)
        member = f"{now!r}:{uuid.uuid4().hex}"
        args = [repr(now), self.window, self.limit, member, KEEP_SECONDS]
        return bool(self._script(keys=[cache.make_key(self._key(key))], args=args))


live_actions = SlidingWindow("live-actions", ACTIONS_PER_SECOND, 1.0)


def allow_action(user_id):
    """Whether this person may send one more live action now (all their connections count)."""
    return live_actions.allow(user_id)
