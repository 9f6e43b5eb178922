"""A unit of work that cannot lock its session fails with the real reason and takes nothing with it."""

import threading

import pytest
from django.db import OperationalError, connection, connections, transaction

from coproduction.live.actions import UnitOfWork
from coproduction.live.models import LiveSession
from tests.concurrency import POSTGRESQL_CONCURRENCY
from tests.factories import make_consultation, make_live_session

pytestmark = POSTGRESQL_CONCURRENCY


def test_a_session_locked_elsewhere_fails_with_the_lock_error_and_the_request_carries_on(make_member):
    session = make_live_session(make_consultation(), make_member("chair@example.org"))
    locked, release = threading.Event(), threading.Event()

    def hold_the_lock():
        # Another request holding the session's row, as a long action would.
        try:
            with transaction.atomic():
                LiveSession.objects.select_for_update().get(pk=session.pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    try:
        assert locked.wait(timeout=30)
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '200ms'")
            with pytest.raises(OperationalError, match="lock"), UnitOfWork(session.pk):
                pass
            # The request's own transaction is still usable: the unit rolled back its part.
            assert LiveSession.objects.filter(pk=session.pk).exists()
    finally:
        release.set()
        holder.join(timeout=30)
