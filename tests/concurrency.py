"""Many test clients sending the same form at the same instant, for the concurrency tests."""

import os
import threading

import pytest
from django.db import connection

ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))

# What a test of people acting at the same instant carries: it runs on PostgreSQL (SQLite
# takes one writer at a time, so there is no race to lose), in real transactions, and the
# groups the data migrations made are put back after it.
POSTGRESQL_CONCURRENCY = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(
        not ON_POSTGRESQL,
        reason="concurrency only means something on PostgreSQL; CI runs this with DATABASE_URL set",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def run_at_once(clients, path, data):
    """POST from every client at the same moment; return status codes and any exceptions."""
    barrier = threading.Barrier(len(clients))
    statuses, errors = [], []

    def send(client):
        try:
            barrier.wait()
            statuses.append(client.post(path, data).status_code)
        except Exception as error:  # noqa: BLE001 - reported by the calling test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return statuses, errors
