"""What counts is what was sent: a change saved after sending counts once it is sent."""

import csv
import io
import re

import pytest
from django.core import mail
from django.test import Client

from consultations.services import question_results
from tests.factories import answer_all, choice_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent_then_changed(signed_in, consultation):
    """Amina sent "Online" for question 1, then changed it to "Town Hall" without sending."""
    answer_all(signed_in, consultation)
    response = signed_in.post(
        f"{consultation.url}answer/1/", {"answer": choice_id(consultation, 1, "Town Hall")}
    )
    assert response["Location"] == f"{consultation.url}answer/check/"
    return signed_in


def counts(consultation, number=1):
    return {label: count for label, count, _percent in question_results(consultation)[number - 1].rows}


def exported_answers(consultation, make_member, question_heading):
    editor = Client()
    editor.force_login(make_member("editor@example.org", groups=["Board editors"]))
    rows = csv.DictReader(io.StringIO(editor.get(f"/admin/consultations/{consultation.pk}/export.csv").text))
    return [row[question_heading] for row in rows]


def test_a_change_not_yet_sent_does_not_count_in_the_results(sent_then_changed, consultation):
    assert counts(consultation) == {"Town Hall": 0, "Online": 1, "Both": 0}


def test_a_change_not_yet_sent_is_not_in_the_export(sent_then_changed, consultation, make_member):
    assert exported_answers(consultation, make_member, "Q1. Where should meetings be?") == ["Online"]


def test_a_change_not_yet_sent_is_shown_to_the_person_as_not_sent(sent_then_changed, consultation):
    html = sent_then_changed.get(f"{consultation.url}answer/check/").content.decode()
    row = re.search(r"<dt>1\. Where should meetings be\?</dt>\s*<dd>(.*?)</dd>", html, re.S).group(1)
    assert row == "Town Hall<br><strong>Changed, not sent yet</strong>"


def test_check_your_answers_says_the_sent_answers_count_until_the_change_is_sent(
    sent_then_changed, consultation
):
    html = sent_then_changed.get(f"{consultation.url}answer/check/").content.decode()
    assert "Until you send them, the answers you sent before are the ones that count." in html


def test_the_consultation_page_says_a_change_is_not_sent_yet(sent_then_changed, consultation):
    html = sent_then_changed.get(consultation.url).content.decode()
    assert "you have not sent the changes yet" in html


def test_sending_the_change_counts_the_new_answer_once(sent_then_changed, consultation):
    sent_then_changed.post(f"{consultation.url}answer/check/", {"publish_consent": "on"})
    assert counts(consultation) == {"Town Hall": 1, "Online": 0, "Both": 0}


def test_sending_the_change_puts_it_in_the_export(sent_then_changed, consultation, make_member):
    sent_then_changed.post(f"{consultation.url}answer/check/", {"publish_consent": "on"})
    assert exported_answers(consultation, make_member, "Q1. Where should meetings be?") == ["Town Hall"]


def test_sending_the_change_emails_the_new_answers(sent_then_changed, consultation):
    sent_then_changed.post(f"{consultation.url}answer/check/", {"publish_consent": "on"})
    assert "1. Where should meetings be?\n   Town Hall\n" in mail.outbox[-1].body


def test_after_sending_the_change_nothing_is_marked_not_sent(sent_then_changed, consultation):
    sent_then_changed.post(f"{consultation.url}answer/check/", {"publish_consent": "on"})
    assert "not sent yet" not in sent_then_changed.get(f"{consultation.url}answer/check/").content.decode()


def test_changing_back_to_the_sent_answer_leaves_nothing_to_send(sent_then_changed, consultation):
    sent_then_changed.post(f"{consultation.url}answer/1/", {"answer": choice_id(consultation, 1, "Online")})
    sent_then_changed.post(f"{consultation.url}answer/check/", {"publish_consent": "on"})
    assert len(mail.outbox) == 1


def test_clearing_an_optional_answer_after_sending_counts_once_sent(signed_in, consultation):
    answer_all(signed_in, consultation)
    signed_in.post(f"{consultation.url}answer/5/", {"answer": ""})
    before = question_results(consultation)[4].answered
    signed_in.post(f"{consultation.url}answer/check/", {"publish_consent": "on"})
    assert (before, question_results(consultation)[4].answered) == (1, 0)
