"""A fixed-window rate limit kept in the cache (Redis when REDIS_URL is set)."""

import time

from django.core.cache import cache


def allow(key, limit, window_seconds):
    """Count one event for `key`; False once more than `limit` happened in this window."""
    window = int(time.time() // window_seconds)
    cache_key = f"ratelimit:{key}:{window}"
    # add() is atomic: only the first event of a window creates the counter.
    if cache.add(cache_key, 1, timeout=window_seconds + 1):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=window_seconds + 1)
        return True
    return count <= limit


def client_address(request):
    return request.META.get("REMOTE_ADDR", "unknown")
