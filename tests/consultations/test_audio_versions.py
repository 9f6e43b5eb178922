"""Audio versions are made by the background worker, not in the editor's request."""

import signal

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from consultations.models import AudioVersion
from consultations.models.pages import AudioStatus
from tests.factories import make_consultation

SUMMARY = "The Board wants to hear how you would like to take part in its meetings."
# The worker stops itself on these; the test run keeps its own handlers.
WORKER_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)


@pytest.fixture
def editor(make_member):
    return make_member("priya@example.org", groups=["Board editors"])


def run_the_worker():
    """Run the real worker command until the queue is empty, as `make run` and systemd run it."""
    handlers = {number: signal.getsignal(number) for number in WORKER_SIGNALS}
    try:
        call_command("db_worker", "--backend", "background", "--batch", "--no-reload", "--no-startup-delay")
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


@pytest.mark.django_db
def test_asking_for_an_audio_version_only_queues_it(client, editor):
    page = make_consultation(summary=SUMMARY)
    client.force_login(editor)

    client.post(f"/admin/consultations/{page.pk}/audio/")

    audio = AudioVersion.objects.get(page=page)
    assert (audio.status, audio.document) == (AudioStatus.PENDING, None)
    assert DBTaskResult.objects.filter(task_path__endswith="generate_audio_version").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_makes_the_queued_audio_version(client, editor):
    page = make_consultation(summary=SUMMARY)
    client.force_login(editor)
    client.post(f"/admin/consultations/{page.pk}/audio/")

    run_the_worker()

    audio = AudioVersion.objects.get(page=page)
    assert audio.status == AudioStatus.READY, audio.error
    assert audio.document.file.size > 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_editor_sees_being_made_then_ready(client, editor):
    page = make_consultation(summary=SUMMARY)
    client.force_login(editor)
    url = f"/admin/consultations/{page.pk}/audio/"

    waiting = client.post(url, follow=True).content.decode()
    run_the_worker()
    done = client.get(url).content.decode()

    assert ["Being made…" in waiting, "Ready: made" in waiting] == [True, False]
    assert ["Being made…" in done, "Ready: made" in done] == [False, True]


@pytest.mark.django_db
def test_members_without_admin_access_are_sent_to_sign_in(client, make_member):
    page = make_consultation()
    client.force_login(make_member("amina@example.org"))

    response = client.post(f"/admin/consultations/{page.pk}/audio/")

    assert response["Location"] == f"/admin/login/?next=/admin/consultations/{page.pk}/audio/"
    assert not AudioVersion.objects.exists()
