"""Many test clients sending the same form at the same instant, for the concurrency tests."""

import threading

from django.db import connection


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
