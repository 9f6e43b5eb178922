"""A sliding-window rate limit kept in the cache (Redis when REDIS_URL is set).

Each window has a counter; the count that is checked adds the previous window's count,
weighted by how much of it still lies within one window of now. So a burst at the end of
one window and another at the start of the next cannot pass twice the limit, and a
refused attempt is not counted, so someone who waits a window gets through again.
"""

import ipaddress
import time
from functools import lru_cache

from django.conf import settings
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


def allow(key, limit, window_seconds, now=None):
    """Count one event for `key`; False (and not counted) if it would pass `limit` per window.

    `now` (seconds since the epoch) is for tests that cross a window's edge without waiting.
    """
    now = time.time() if now is None else now
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


@lru_cache(maxsize=8)
def _trusted_networks(proxies):
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _parsed(address):
    try:
        return ipaddress.ip_address(address.strip())
    except ValueError:
        return None


def client_address(request):
    """The address a request came from, as every per-address limit counts it.

    A request from one of settings.TRUSTED_PROXIES carries the client's address in
    X-Forwarded-For, each proxy adding the address it heard from on the right: read from
    the right, the first address that is not a trusted proxy is the client. Anything
    further left was written by the client and proves nothing. From anyone else the
    header is ignored.
    """
    remote = request.META.get("REMOTE_ADDR") or "unknown"
    networks = _trusted_networks(tuple(settings.TRUSTED_PROXIES))

    def trusted(address):
        return address is not None and any(address in network for network in networks)

    if not trusted(_parsed(remote)):
        return remote
    address = remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        parsed = _parsed(hop)
        if parsed is None:
            break  # not an address: keep the last one a trusted proxy vouched for
        address = str(parsed)
        if not trusted(parsed):
            break
    return address


def client_ip_address(request):
    """client_address as django-axes stores it, in an IP address column: None when it is not one.

    A request built in code (a test client's force_login, a management command) has none.
    """
    address = _parsed(client_address(request))
    return None if address is None else str(address)
