"""The member's journey: every kind of question, drafts, checking, sending, changing."""

import re

import pytest
from django.core import mail
from django.test import Client

from consultations.models import Answer, Response, ResponseStatus
from consultations.services import question_results
from tests.factories import answer_all, choice_id, make_consultation, valid_answers

pytestmark = pytest.mark.django_db


def current(member, consultation, number):
    question = consultation.ordered_questions()[number - 1]
    return Answer.objects.get(response__member=member, question=question, is_current=True)


def post(client, consultation, number, data):
    return client.post(f"{consultation.url}answer/{number}/", data)


def errors_of(response):
    html = response.content.decode()
    return re.findall(r'<li><a href="#[^"]+">([^<]+)</a></li>', html), html


def test_signed_out_visitors_are_asked_to_sign_in_first(client, consultation):
    response = client.get(f"{consultation.url}answer/1/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/sign-in/?next=")


def test_every_kind_of_question_saves_a_valid_answer(signed_in, member, consultation):
    for number, data in valid_answers(consultation).items():
        assert post(signed_in, consultation, number, data).status_code == 302
    assert [s.choice_text for s in current(member, consultation, 1).selections.all()] == ["Online"]
    multiple = current(member, consultation, 2)
    assert [s.choice_text for s in multiple.selections.all()] == ["Captions"]
    assert multiple.other_text == "A quiet room"
    assert current(member, consultation, 3).rating == 4
    ranked = current(member, consultation, 4).selections.all()
    assert [(s.rank, s.choice_text) for s in ranked] == [
        (1, "Hearing back"),
        (2, "Good times"),
        (3, "Clear papers"),
    ]
    assert current(member, consultation, 5).text == "Please send papers earlier."


WRONG_ANSWERS = pytest.mark.parametrize(
    "number, data, message",
    [
        (1, {}, "Choose an answer"),
        (1, {"answer": "999999"}, "Choose one of the answers listed"),
        (2, {}, "Choose at least one answer"),
        (2, {"answer": ["other"], "other_text": ""}, "Say what your other answer is, or untick “Other”"),
        (3, {"answer": "9"}, "Choose a rating from 1 to 5"),
        (3, {}, "Choose a rating from 1 to 5"),
        (5, {"answer": "x" * 201}, "Your answer must be 200 characters or fewer. It has 201 characters."),
    ],
)


@WRONG_ANSWERS
def test_each_wrong_answer_gets_its_own_message(signed_in, consultation, number, data, message):
    errors, _html = errors_of(post(signed_in, consultation, number, data))
    assert [e.replace("&quot;", '"').replace("&#x27;", "'") for e in errors] == [message]


@WRONG_ANSWERS
def test_a_wrong_answer_saves_nothing(signed_in, member, consultation, number, data, message):
    post(signed_in, consultation, number, data)
    assert not Answer.objects.filter(response__member=member).exists()


def test_an_over_long_answer_is_kept_so_nothing_typed_is_lost(signed_in, consultation):
    text = "My point is about the bus. " * 10
    html = post(signed_in, consultation, 5, {"answer": text}).content.decode()
    assert text.strip() in html
    assert 'aria-invalid="true"' in html


def test_a_choice_from_another_question_is_refused(signed_in, consultation):
    response = post(signed_in, consultation, 1, {"answer": choice_id(consultation, 2, "Captions")})
    assert "Choose one of the answers listed" in response.content.decode()


def test_ranking_needs_each_position_once_and_keeps_what_was_chosen(signed_in, consultation):
    choices = list(consultation.ordered_questions()[3].choices.all())
    data = {f"rank_{choices[0].pk}": "1", f"rank_{choices[1].pk}": "1", f"rank_{choices[2].pk}": "2"}
    errors, html = errors_of(post(signed_in, consultation, 4, data))
    assert errors == ["Position 1 is also given to “Hearing back”. Give each position once."]
    assert re.search(rf'name="rank_{choices[2].pk}"[^>]*>.*?<option value="2" selected>', html, re.S)
    missing = post(signed_in, consultation, 4, {f"rank_{choices[0].pk}": "1"})
    assert "Choose a position for “Good times”" in missing.content.decode()


def test_draft_is_kept_after_signing_out_and_back_in(client, member, consultation):
    client.force_login(member)
    post(client, consultation, 1, {"answer": choice_id(consultation, 1, "Both"), "save_and_return": "1"})
    client.post("/account/sign-out/")
    later = Client()
    later.force_login(member)
    html = later.get(f"{consultation.url}answer/1/").content.decode()
    assert re.search(rf'value="{choice_id(consultation, 1, "Both")}"[^>]*checked', html)
    assert Response.objects.get(member=member).status == ResponseStatus.DRAFT
    # Starting again takes the person to the first question they have not answered.
    assert later.get(f"{consultation.url}answer/")["Location"] == f"{consultation.url}answer/2/"


def test_save_and_come_back_later_says_the_answers_are_saved(signed_in, consultation):
    response = post(
        signed_in, consultation, 1, {"answer": choice_id(consultation, 1, "Both"), "save_and_return": "1"}
    )
    assert response["Location"] == f"{consultation.url}answer/saved/"
    assert "Your answers have been saved" in signed_in.get(response["Location"]).content.decode()


def test_check_your_answers_lists_every_answer_with_change_links(signed_in, consultation):
    for number, data in valid_answers(consultation).items():
        post(signed_in, consultation, number, data)
    html = signed_in.get(f"{consultation.url}answer/check/").content.decode()
    for expected in ["Online", "Captions", "Other: A quiet room", "4 – Good", "1. Hearing back", "earlier."]:
        assert expected in html
    assert html.count('>Change<span class="visually-hidden">') == 5


def test_sending_confirms_and_emails_a_copy_of_the_answers(signed_in, member, consultation):
    response = answer_all(signed_in, consultation)
    assert response["Location"] == f"{consultation.url}answer/done/"
    assert "Your answers have been sent" in signed_in.get(response["Location"]).content.decode()
    assert Response.objects.get(member=member).status == ResponseStatus.SUBMITTED
    assert len(mail.outbox) == 1
    receipt = mail.outbox[0]
    assert receipt.to == ["amina@example.org"]
    assert receipt.subject == f"Your answers to: {consultation.title}"
    assert "Other: A quiet room" in receipt.body and "Please send papers earlier." in receipt.body


def test_sending_with_a_required_answer_missing_points_to_it(signed_in, consultation):
    post(signed_in, consultation, 1, {"answer": choice_id(consultation, 1, "Online")})
    html = signed_in.post(f"{consultation.url}answer/check/", {}).content.decode()
    assert "There is a problem" in html
    assert f'<a href="{consultation.url}answer/2/">Answer question 2: What would help?</a>' in html


def test_double_submit_records_one_response_and_one_receipt(signed_in, member, consultation):
    answer_all(signed_in, consultation)
    signed_in.post(f"{consultation.url}answer/check/", {"publish_consent": "on"})
    assert Response.objects.filter(member=member).count() == 1
    assert len(mail.outbox) == 1


def test_changing_an_answer_keeps_the_old_one_and_counts_the_new(signed_in, member, consultation):
    answer_all(signed_in, consultation)
    post(signed_in, consultation, 1, {"answer": choice_id(consultation, 1, "Town Hall")})
    signed_in.post(f"{consultation.url}answer/check/", {"publish_consent": "on"})
    history = Answer.objects.filter(response__member=member, question=consultation.ordered_questions()[0])
    assert [(a.is_current, a.selections.get().choice_text) for a in history] == [
        (False, "Online"),
        (True, "Town Hall"),
    ]
    counts = {label: count for label, count, _ in question_results(consultation)[0].rows}
    assert counts == {"Town Hall": 1, "Online": 0, "Both": 0}
    assert mail.outbox[-1].subject == f"Your changed answers to: {consultation.title}"


def test_saving_the_same_answer_again_adds_no_history(signed_in, member, consultation):
    data = {"answer": choice_id(consultation, 1, "Online")}
    post(signed_in, consultation, 1, data)
    post(signed_in, consultation, 1, data)
    assert Answer.objects.filter(response__member=member).count() == 1


def test_a_closed_consultation_says_when_it_closed_and_keeps_drafts(signed_in, member, demo):
    consultation = make_consultation(opens=-10, closes=-1)
    response = signed_in.get(f"{consultation.url}answer/1/")
    html = response.content.decode()
    assert response.status_code == 403
    assert "This consultation has closed" in html
    assert f"It closed on {consultation.closes_in_words()}" in html
    assert post(signed_in, consultation, 1, {"answer": "1"}).status_code == 403
    assert not Response.objects.filter(member=member).exists()


def test_a_consultation_not_open_yet_says_when_it_opens(signed_in, demo):
    consultation = make_consultation(opens=3, closes=10)
    html = signed_in.get(f"{consultation.url}answer/").content.decode()
    assert "This consultation is not open yet" in html
    assert f"It opens on {consultation.opens_in_words()}" in html


def test_sending_after_closing_time_is_refused_and_nothing_counts(signed_in, member, consultation):
    for number, data in valid_answers(consultation).items():
        post(signed_in, consultation, number, data)
    type(consultation).objects.filter(pk=consultation.pk).update(
        closes_at=consultation.opens_at.replace(year=consultation.opens_at.year)
    )
    response = signed_in.post(f"{consultation.url}answer/check/", {})
    assert response.status_code == 403
    assert Response.objects.get(member=member).status == ResponseStatus.DRAFT


def test_anonymous_answers_only_where_the_board_allows_them(client, demo):
    consultation = make_consultation(allow_anonymous=True)
    answer_all(client, consultation)
    response = Response.objects.get(consultation=consultation)
    assert response.member is None and response.browser_token
    assert response.status == ResponseStatus.SUBMITTED
    # The same browser comes back to the same response, not a second one.
    post(client, consultation, 1, {"answer": choice_id(consultation, 1, "Both")})
    assert Response.objects.filter(consultation=consultation).count() == 1


def test_new_anonymous_responses_are_rate_limited_per_address(demo):
    consultation = make_consultation(allow_anonymous=True)
    data = {"answer": choice_id(consultation, 1, "Both")}
    statuses = [
        Client().post(f"{consultation.url}answer/1/", data, REMOTE_ADDR="10.1.1.1").status_code
        for _ in range(12)
    ]
    assert statuses[:10] == [302] * 10
    assert statuses[10:] == [200, 200]
    assert Response.objects.filter(consultation=consultation).count() == 10
    assert Client().post(f"{consultation.url}answer/1/", data, REMOTE_ADDR="10.1.1.2").status_code == 302


def test_a_member_never_sees_another_members_answers(client, make_member, consultation):
    amina = make_member("amina@example.org")
    declan = make_member("declan@example.org")
    client.force_login(amina)
    post(client, consultation, 5, {"answer": "My neighbour Sam drives me."})
    other = Client()
    other.force_login(declan)
    for path in ("answer/5/", "answer/check/", ""):
        assert "My neighbour Sam" not in other.get(consultation.url + path).content.decode()


def test_easy_read_wording_is_used_for_people_who_chose_easy_read_first(client, make_member, demo):
    consultation = make_consultation(
        questions=[
            {
                "kind": "single",
                "text": "Which venue do you prefer?",
                "easy_read_text": "Where should we meet?",
                "choices": ["Town Hall", "Online"],
            }
        ]
    )
    member = make_member("jo@example.org", easy_read_first=True)
    client.force_login(member)
    html = client.get(f"{consultation.url}answer/1/").content.decode()
    assert '<h1 class="fieldset__heading">Where should we meet?</h1>' in html
    assert "Standard wording: Which venue do you prefer?" in html


def test_download_my_data_includes_consultation_answers(signed_in, consultation):
    answer_all(signed_in, consultation)
    data = signed_in.get("/account/my-data.json").json()
    [response] = data["consultation_responses"]
    assert response["consultation"] == consultation.title and response["status"] == "submitted"
    assert "Please send papers earlier." in [a["text"] for a in response["answers"]]


def test_deleting_an_account_keeps_sent_answers_without_the_person(
    signed_in, member, consultation, make_member
):
    answer_all(signed_in, consultation)
    other_page = make_consultation("Another question")
    post(signed_in, other_page, 1, {"answer": choice_id(other_page, 1, "Online")})
    signed_in.post("/account/delete/", {"password": "correct horse battery", "confirm": "on"})
    sent = Response.objects.get(consultation=consultation)
    assert sent.member is None and sent.status == ResponseStatus.SUBMITTED
    assert not Response.objects.filter(consultation=other_page).exists()
    assert question_results(consultation)[0].answered == 1
