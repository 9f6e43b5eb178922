"""The embedded SQLite default waits its turn for the write lock instead of failing."""

import logging
import sqlite3

from django.db.utils import ConnectionHandler


def embedded_connection(path, timeout):
    """A connection made the way the settings make one for a SQLite file, with a shorter wait."""
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "coproduction.sqlite",
                "NAME": str(path),
                "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": timeout},
            }
        }
    )
    return handler["default"]


class RunOnFirstRecord(logging.Handler):
    def __init__(self, action):
        super().__init__()
        self.action, self.records = action, []

    def emit(self, record):
        if not self.records:
            self.action()
        self.records.append(record)


def test_a_transaction_begins_once_a_long_writer_lets_go(tmp_path, django_db_blocker):
    path = tmp_path / "site.sqlite3"
    long_writer = sqlite3.connect(path, isolation_level=None)
    long_writer.execute("CREATE TABLE note (text TEXT)")
    long_writer.execute("BEGIN IMMEDIATE")
    # The long writer lets go only once the first wait has run out.
    waited = RunOnFirstRecord(lambda: long_writer.execute("ROLLBACK"))
    backend_log = logging.getLogger("coproduction.sqlite.base")
    backend_log.addHandler(waited)
    connection = embedded_connection(path, timeout=0.05)
    try:
        with django_db_blocker.unblock():
            connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO note (text) VALUES ('written after waiting')")
            connection.commit()
            connection.close()
    finally:
        backend_log.removeHandler(waited)
    assert long_writer.execute("SELECT text FROM note").fetchall() == [("written after waiting",)]
    assert len(waited.records) == 1
    long_writer.close()
