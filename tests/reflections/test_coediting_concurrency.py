"""Twenty members saving one item at the same instant (PostgreSQL only: SQLite takes writers one by one)."""

import threading

from django.db import connection
from django.test import Client

from reflections.models import Change, Item
from tests.concurrency import POSTGRESQL_CONCURRENCY
from tests.reflections.conftest import item_form

pytestmark = POSTGRESQL_CONCURRENCY


def test_twenty_saves_at_once_from_version_3_are_each_merged_or_shown_as_a_conflict(
    add_to_group, document, item
):
    """Ten change "who it is for", ten "the outcome wanted", each differently, all from version 3.

    The first save of each field is written (the second of those two merges with the
    first, as they touch different fields); every other save touches words already
    changed, so it comes back as a conflict. None is lost silently.
    """
    editors = [add_to_group(f"member{n}@example.org", document) for n in range(20)]
    edit_url = document.url_for("edit_item", item.pk)
    first = Client()
    first.force_login(editors[0])
    for project in ("Bus stops", "Bus stops review"):  # versions 2 and 3
        first.post(edit_url, item_form(Item.objects.get(pk=item.pk), project=project, audience="project"))
    version_3 = Item.objects.get(pk=item.pk)
    assert version_3.version == 3

    barrier = threading.Barrier(20)
    statuses = [None] * 20

    def save(n):
        client = Client()
        client.force_login(editors[n])
        field = "outcome_wanted" if n % 2 else "outcome_for"
        data = item_form(version_3, project="Bus stops review", audience="project", **{field: f"Change {n}"})
        barrier.wait()
        try:
            statuses[n] = client.post(edit_url, data).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert (statuses.count(302), statuses.count(409)) == (2, 18)
    final = Item.objects.get(pk=item.pk)
    assert final.version == 5
    versions = (
        Change.objects.filter(item=final, action=None).order_by("version").values_list("version", flat=True)
    )
    assert list(versions) == [1, 2, 3, 4, 5]
    winners = {n for n, status in enumerate(statuses) if status == 302}
    assert final.outcome_for in {f"Change {n}" for n in winners if n % 2 == 0}
    assert final.outcome_wanted in {f"Change {n}" for n in winners if n % 2}
