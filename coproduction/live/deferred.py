"""Work an app asks to run a moment after a transaction commits (e.g. coalesced results).

What to run is decided from the database when it runs, so it does not matter which
process runs it, or if two do: the work itself must be idempotent (check a flag under the
session's lock). Inside a server (daphne: the consumer and the form-post views run in
worker threads of its event loop) the work is scheduled on that loop; with no event loop
(a management command, the test client) there is no one to wait for, so it runs at once.
"""

import asyncio
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


class Coalesced:
    """An async job run at most once per `window` seconds per key, on this process's loop.

    `await job.changed(key)` after something it reports on changed: the first change after
    a quiet spell runs the job at once, the changes within the next `window` seconds only
    ask for one more run when the window is up. The job reads what it reports when it runs,
    so the last run always reports the last change. Each process coalesces its own changes:
    with P processes a session gets at most P runs a window, whatever the number of people.
    """

    def __init__(self, job, window):
        self.job = job
        self.window = window
        self._last = {}  # (loop, key) -> loop time of the last run
        self._pending = set()  # (loop, key) with a run asked for

    async def changed(self, key):
        loop = asyncio.get_running_loop()
        slot = (loop, key)
        if slot in self._pending:
            return
        wait = self._last.get(slot, -self.window) + self.window - loop.time()
        if wait <= 0:
            await self._run(slot)
            return
        self._pending.add(slot)
        loop.call_later(wait, self._start, slot)

    def _start(self, slot):
        task = slot[0].create_task(self._run_pending(slot), context=contextvars.Context())
        _running.add(task)
        task.add_done_callback(_running.discard)

    async def _run_pending(self, slot):
        self._pending.discard(slot)
        await self._run(slot)

    async def _run(self, slot):
        self._last[slot] = slot[0].time()
        try:
            await self.job(slot[1])
        except Exception:
            logger.exception("Coalesced live work %s failed", getattr(self.job, "__name__", self.job))


__all__ = ["Coalesced", "run_later"]
