"""Consultation pages: lists and filters, dates in words, easy read, audio, other formats."""

import wave
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from consultations.audio import generate_audio_version, request_audio_version
from consultations.models import AudioVersion, FormatRequest
from consultations.models.pages import AudioStatus, Status
from home.dates import datetime_in_words
from tests.factories import make_board, make_consultation

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def test_dates_are_written_in_words_in_uk_time():
    assert datetime_in_words(datetime(2027, 3, 12, 17, 0, tzinfo=LONDON)) == "Friday 12 March 2027, 5pm"
    assert datetime_in_words(datetime(2027, 3, 12, 9, 30, tzinfo=LONDON)) == "Friday 12 March 2027, 9:30am"
    assert (
        datetime_in_words(datetime(2027, 7, 1, 11, 0, tzinfo=ZoneInfo("UTC")))
        == "Thursday 1 July 2027, midday"
    )


def test_status_comes_from_the_dates_and_the_report_back(demo):
    upcoming = make_consultation("Upcoming", opens=2, closes=9)
    open_now = make_consultation("Open", opens=-2, closes=9)
    closed = make_consultation("Closed", opens=-9, closes=-2)
    reported = make_consultation(
        "Reported",
        opens=-9,
        closes=-2,
        we_did="<p>We changed the bus times.</p>",
        reported_back_at=datetime(2020, 1, 1, tzinfo=LONDON),
    )
    assert [p.status() for p in (upcoming, open_now, closed, reported)] == [
        Status.UPCOMING,
        Status.OPEN,
        Status.CLOSED,
        Status.REPORTED_BACK,
    ]


def test_index_filters_by_status_and_board_and_shows_closing_dates(client, demo):
    open_now = make_consultation("Bus passes", opens=-2, closes=9)
    make_consultation("Old question", opens=-20, closes=-10)
    other_board = make_board("Northfield Board", "northfield")
    make_consultation("Northfield libraries", opens=-2, closes=9, board=other_board)
    url = "/consultations/"
    html = client.get(url, {"status": "open"}).content.decode()
    assert "Bus passes" in html and "Northfield libraries" in html and "Old question" not in html
    assert f"Closes on {open_now.closes_in_words()}" in html
    html = client.get(url, {"status": "open", "board": "northfield"}).content.decode()
    assert "Northfield libraries" in html and "Bus passes" not in html
    html = client.get(url, {"status": "closed"}).content.decode()
    assert "Old question" in html and "Bus passes" not in html
    assert client.get(url, {"status": "nonsense", "board": "<script>"}).status_code == 200


def test_home_page_lists_open_consultations_only(client, demo):
    make_consultation("Bus passes", opens=-2, closes=9)
    make_consultation("Old question", opens=-20, closes=-10)
    html = client.get("/").content.decode()
    section = html[html.index("Open consultations") :]
    assert "Bus passes" in section and "Old question" not in section


def test_easy_read_comes_first_for_people_who_chose_it(client, make_member, demo):
    page = make_consultation(easy_read=[{"type": "sentence", "value": {"text": "We want to hear from you."}}])
    standard = client.get(page.url).content.decode()
    assert standard.index(page.summary) < standard.index("We want to hear from you.")
    member = make_member("jo@example.org", easy_read_first=True)
    client.force_login(member)
    easy = client.get(page.url).content.decode()
    assert easy.index("We want to hear from you.") < easy.index(page.summary)
    assert "Show the standard version first" in easy


def test_easy_read_picture_needs_alt_text(demo):
    from wagtail.images.models import Image

    from consultations.blocks import EasyReadSentenceBlock

    block = EasyReadSentenceBlock()
    image = Image.objects.first()
    with pytest.raises(Exception, match="Validation error"):
        block.clean(block.to_python({"text": "We meet on Tuesdays.", "image": image.pk, "alt_text": ""}))


def test_other_formats_request_reaches_the_board_contact(client, demo):
    page = make_consultation()
    response = client.post(
        f"{page.url}other-formats/",
        {"name": "Grace", "format": "language", "language": "Somali", "phone": "07700 900 111"},
    )
    assert "Your request has been sent" in response.content.decode()
    assert FormatRequest.objects.get().language == "Somali"
    assert mail.outbox[0].to == [page.board.contact_email]
    assert "Somali" in mail.outbox[0].body and "07700 900 111" in mail.outbox[0].body


def test_other_formats_errors_keep_what_was_typed(client, demo):
    page = make_consultation()
    html = client.post(f"{page.url}other-formats/", {"name": "Grace", "format": "language"}).content.decode()
    assert '<a href="#id_language">Say which language you need</a>' in html
    assert '<a href="#id_email">Give an email address, a phone number or a postal address</a>' in html
    assert 'value="Grace"' in html
    assert mail.outbox == []


def make_audio_now(page):
    """Queue an audio version and make it here, as the worker would."""
    audio = request_audio_version(page)
    generate_audio_version.call(audio.pk)
    return AudioVersion.objects.get(pk=audio.pk)


def test_audio_version_is_made_with_espeak_and_plays(demo):
    page = make_consultation(
        summary="The Board wants to hear how you would like to take part in its meetings."
    )
    audio = make_audio_now(page)
    assert audio.status == AudioStatus.READY, audio.error
    assert audio.transcript == page.summary
    with audio.document.file.open("rb") as handle, wave.open(handle) as wav:
        duration = wav.getnframes() / wav.getframerate()
    assert duration > 1.0


def test_audio_version_is_on_the_page_with_its_transcript(client, demo):
    page = make_consultation(summary="Tell us how to make meetings easier to join.")
    make_audio_now(page)
    html = client.get(page.url).content.decode()
    assert "<audio controls" in html
    assert "Transcript of the audio version" in html
    assert "Tell us how to make meetings easier to join." in html


def test_audio_failure_is_recorded_not_hidden(demo, settings):
    settings.ESPEAK_NG = "/nonexistent/espeak-ng"
    page = make_consultation()
    audio = make_audio_now(page)
    assert audio.status == AudioStatus.FAILED and audio.error


def test_closing_time_must_follow_opening_time(demo):
    from django.core.exceptions import ValidationError

    page = make_consultation()
    page.closes_at = page.opens_at
    with pytest.raises(ValidationError):
        page.clean()


def test_editors_preview_the_questions_before_publishing(rf, make_member, demo):
    page = make_consultation()
    # An unsaved question, as in the editor before publishing.
    from consultations.models import Question

    page.questions.add(Question(kind="text", text="A question still being written", sort_order=99))
    request = rf.get("/")
    request.user = make_member("editor@example.org", groups=["Board editors"])
    response = page.make_preview_request(request, "questions")
    response.render()
    html = response.content.decode()
    assert response.status_code == 200
    assert "A question still being written" in html
    assert "Preview of the questions" in html
    for text in ("Where should meetings be?", "Position for “Hearing back”", "Anything else?"):
        assert text in html
