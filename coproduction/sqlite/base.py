"""SQLite for the embedded default, where a handful of people write at the same moment.

Each transaction begins by taking the write lock (`transaction_mode` IMMEDIATE in the
settings), waiting up to the busy timeout for whoever holds it. If a long writer keeps
it past that wait, the transaction has done nothing yet, so it is safe to wait again
instead of answering "database is locked".
"""

import logging

from django.db.backends.sqlite3 import base
from django.db.utils import OperationalError

logger = logging.getLogger(__name__)

# Each attempt waits up to the busy timeout (OPTIONS["timeout"]).
BEGIN_ATTEMPTS = 3


class DatabaseWrapper(base.DatabaseWrapper):
    """Django's SQLite backend, beginning a transaction again when the write lock stays taken."""

    def _start_transaction_under_autocommit(self):
        for attempt in range(1, BEGIN_ATTEMPTS + 1):
            try:
                super()._start_transaction_under_autocommit()
                return
            except OperationalError as error:
                if "locked" not in str(error) or attempt == BEGIN_ATTEMPTS:
                    raise
                logger.warning(
                    "The database stayed locked for the whole busy timeout; waiting again (%s of %s).",
                    attempt + 1,
                    BEGIN_ATTEMPTS,
                )
