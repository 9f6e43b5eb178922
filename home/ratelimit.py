"""A sliding-window rate limit kept in the cache (Redis when REDIS_URL is set).

Each window has a counter; the count that is checked adds the previous window's count,
weighted by how much of it still lies within one window of now. So a burst at the end of
one window and another at the start of the next cannot pass twice the limit, and a
refused attempt is not counted, so someone who waits a window gets through again.
"""

import time

from django.core.cache import cache


def _increment(key, timeout):
    # add() is atomic: only the first event of a window creates the counter.
    if cache.add(key, 1, timeout=timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=timeout)
        return 1


def allow(key, limit, window_seconds):
    """Count one event for `key`; False (and not counted) if it would pass `limit` per window."""
    now = time.time()
    window, into = divmod(now, window_seconds)
    current_key = f"ratelimit:{key}:{int(window)}"
    previous = cache.get(f"ratelimit:{key}:{int(window) - 1}", 0)
    count = _increment(current_key, timeout=2 * window_seconds + 1)
    if previous * (1 - into / window_seconds) + count > limit:
        try:
            cache.decr(current_key)
        except ValueError:
            pass
        return False
    return True


def client_address(request):
    return request.META.get("REMOTE_ADDR", "unknown")
