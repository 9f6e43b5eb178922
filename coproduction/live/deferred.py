"""Work an app asks to run a moment after a transaction commits (e.g. coalesced results).

What to run is decided from the database when it runs, so it does not matter which
process runs it, or if two do: the work itself must be idempotent (check a flag under the
session's lock). Inside a server (daphne: the consumer and the form-post views run in
worker threads of its event loop) the work is scheduled on that loop; with no event loop
(a management command, the test client) there is no one to wait for, so it runs at once.
"""

import contextvars
import logging

from asgiref.sync import SyncToAsync
from channels.db import database_sync_to_async
from django.db import connection

logger = logging.getLogger(__name__)
_running = set()  # tasks are only weakly held by the loop: keep each until it is done


def _server_loop():
    loop = getattr(SyncToAsync.threadlocal, "main_event_loop", None)
    return loop if loop is not None and loop.is_running() else None


def run_later(delay, func, *args):
    """Call `func(*args)` (synchronous, may use the database) about `delay` seconds from now."""
    loop = _server_loop()
    if loop is None:
        func(*args)
        return

    def work():
        try:
            func(*args)
        finally:
            # A pool thread, not a request's: leave no connection open behind it.
            connection.close()

    async def run():
        try:
            await database_sync_to_async(work, thread_sensitive=False)()
        except Exception:
            logger.exception("Deferred live work %s failed", getattr(func, "__name__", func))

    def start():
        # A fresh context: not the one of the request or socket that asked for it.
        task = loop.create_task(run(), context=contextvars.Context())
        _running.add(task)
        task.add_done_callback(_running.discard)

    loop.call_soon_threadsafe(loop.call_later, max(delay, 0), start)


__all__ = ["run_later"]
