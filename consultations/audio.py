"""Audio versions ("talking leaflets") made from the summary with espeak-ng, offline."""

import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.documents.models import Document

from .models import AudioVersion, ConsultationPage
from .models.pages import AudioStatus


def request_audio_version(page):
    """Ask for a new audio version of the page's current summary.

    It is only queued here: the background worker makes it (settings.TASKS). The queued
    task is stored in the same transaction as the request, so neither is kept without
    the other.
    """
    with transaction.atomic():
        audio, _created = AudioVersion.objects.update_or_create(
            page=page, defaults={"transcript": page.summary, "status": AudioStatus.PENDING, "error": ""}
        )
        generate_audio_version.enqueue(audio.pk)
    return audio


def speak_to_wav(text, path):
    subprocess.run(
        [settings.ESPEAK_NG, "-v", "en-gb", "-s", "150", "-w", str(path), "--stdin"],
        input=text.encode("utf-8"),
        check=True,
        capture_output=True,
        timeout=300,
    )


@task(backend="background")
def generate_audio_version(audio_pk):
    """Speak the transcript to a WAV file and store it as a document (run by the worker)."""
    audio = AudioVersion.objects.select_related("page").get(pk=audio_pk)
    page = ConsultationPage.objects.get(pk=audio.page_id)
    try:
        with tempfile.TemporaryDirectory() as folder:
            wav = Path(folder) / f"{page.slug}-audio.wav"
            speak_to_wav(audio.transcript, wav)
            with wav.open("rb") as handle:
                document = Document(title=f"Audio version: {page.title}")
                document.file.save(wav.name, File(handle), save=False)
                document.save()
    except (OSError, subprocess.SubprocessError) as error:
        AudioVersion.objects.filter(pk=audio.pk).update(status=AudioStatus.FAILED, error=str(error)[:2000])
        return
    except Exception as error:
        # Whatever went wrong, the editor must not be left reading "being made" for ever.
        AudioVersion.objects.filter(pk=audio.pk).update(status=AudioStatus.FAILED, error=str(error)[:2000])
        raise
    old_document = audio.document
    AudioVersion.objects.filter(pk=audio.pk).update(
        document=document, status=AudioStatus.READY, generated_at=timezone.now(), error=""
    )
    if old_document is not None:
        old_document.delete()
