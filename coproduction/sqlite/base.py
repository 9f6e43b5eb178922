"""SQLite for the embedded default, where a handful of people write at the same moment.

Each transaction begins by taking the write lock (`transaction_mode` IMMEDIATE in the
settings), waiting up to the busy timeout for whoever holds it. If a long writer keeps
it past that wait, the transaction has done nothing yet, so it is safe to wait again
instead of answering "database is locked".
"""

import logging
import time

from django.db.backends.sqlite3 import base
from django.db.utils import OperationalError

logger = logging.getLogger(__name__)

# Each attempt waits up to the busy timeout (OPTIONS["timeout"]).
BEGIN_ATTEMPTS = 3
# About 20 seconds in all, like the busy timeout, for a shared in-memory database.
SHARED_CACHE_WAITS = 220


class DatabaseWrapper(base.DatabaseWrapper):
    """Django's SQLite backend, beginning a transaction again when the write lock stays taken."""

    def _start_transaction_under_autocommit(self):
        shared_cache_waits = 0
        attempt = 1
        while True:
            try:
                super()._start_transaction_under_autocommit()
                return
            except OperationalError as error:
                # An in-memory database shared between threads (the test suite's) answers
                # "database table is locked" at once, without the busy timeout: wait a
                # moment ourselves, as the busy timeout would, then try again.
                if "table is locked" in str(error) and shared_cache_waits < SHARED_CACHE_WAITS:
                    shared_cache_waits += 1
                    time.sleep(min(0.005 * shared_cache_waits, 0.1))
                    continue
                if "locked" not in str(error) or attempt == BEGIN_ATTEMPTS:
                    raise
                attempt += 1
                logger.warning(
                    "The database stayed locked for the whole busy timeout; waiting again (%s of %s).",
                    attempt,
                    BEGIN_ATTEMPTS,
                )
