"""No request carries more form fields than the largest form needs: public pages have a
tight cap, the Wagtail admin's page editor a larger one, and past either the answer is a
clear 400 page."""

import pytest
from django.conf import settings
from wagtail.models import Page

from consultations.models import Answer, ConsultationPage, Theme
from consultations.models.questions import MAX_CHOICES_PER_QUESTION
from consultations.models.responses import MAX_THEMES_PER_CONSULTATION
from tests.factories import answer_all, make_consultation

pytestmark = pytest.mark.django_db

PUBLIC_CAP = settings.PUBLIC_FORM_MAX_FIELDS
ADMIN_CAP = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS


def many_choices(kind, count=MAX_CHOICES_PER_QUESTION, **spec):
    return {
        "kind": kind,
        "text": f"A {kind} question",
        "choices": [f"Choice {n}" for n in range(count)],
        **spec,
    }


@pytest.fixture
def consultation(db):
    return make_consultation()


@pytest.fixture
def signed_in(client, make_member):
    client.force_login(make_member("amina@example.org"))
    return client


def refused_clearly(response):
    """A 400 page that says what went wrong (not a 500, not Django's bare "Bad Request")."""
    explained = "We could not read what was sent" in response.content.decode()
    return (response.status_code, explained) == (400, True)


def padded(fields, total):
    """`fields`, plus unused fields up to `total` fields in all."""
    data = dict(fields)
    for n in range(total - len(fields)):
        data[f"unused{n}"] = "x"
    return data


def test_a_public_form_with_one_field_more_than_the_cap_gets_a_clear_400(signed_in, consultation):
    response = signed_in.post(f"{consultation.url}answer/1/", padded({}, PUBLIC_CAP + 1))
    assert (response.status_code, "We could not read what was sent" in response.content.decode()) == (
        400,
        True,
    )


def test_a_public_form_over_the_cap_saves_nothing(signed_in, consultation):
    choice = consultation.ordered_questions()[0].choices.first()
    signed_in.post(f"{consultation.url}answer/1/", padded({"answer": str(choice.pk)}, PUBLIC_CAP + 1))
    assert not Answer.objects.exists()


def test_an_address_with_more_fields_than_the_cap_gets_a_clear_400(client, consultation):
    query = "&".join(f"f{n}=x" for n in range(PUBLIC_CAP + 1))
    response = client.get(f"/search/?{query}")
    assert (response.status_code, "We could not read what was sent" in response.content.decode()) == (
        400,
        True,
    )


def test_a_public_form_past_djangos_own_cap_gets_the_same_clear_400(signed_in, consultation):
    response = signed_in.post(f"{consultation.url}answer/1/", padded({}, ADMIN_CAP + 1))
    assert (response.status_code, "We could not read what was sent" in response.content.decode()) == (
        400,
        True,
    )


def test_the_largest_multiple_choice_question_can_be_answered_with_every_box_ticked(signed_in, db):
    consultation = make_consultation(questions=[many_choices("multiple", allow_other=True)])
    question = consultation.ordered_questions()[0]
    data = {
        "answer": [str(c.pk) for c in question.choices.all()] + ["other"],
        "other_text": "A quiet room",
        "csrfmiddlewaretoken": "x",
        "save_and_return": "",
    }
    assert signed_in.post(f"{consultation.url}answer/1/", data).status_code == 302


def test_the_largest_ranking_question_can_be_answered(signed_in, db):
    consultation = make_consultation(questions=[many_choices("ranking")])
    choices = consultation.ordered_questions()[0].choices.all()
    data = {f"rank_{c.pk}": str(n) for n, c in enumerate(choices, start=1)}
    data.update({"csrfmiddlewaretoken": "x", "save_and_return": ""})
    assert signed_in.post(f"{consultation.url}answer/1/", data).status_code == 302


def test_a_written_answer_can_be_tagged_with_every_theme_allowed(client, make_member, consultation):
    respondent = client
    respondent.force_login(make_member("amina@example.org"))
    answer_all(respondent, consultation)
    for n in range(MAX_THEMES_PER_CONSULTATION):
        Theme.objects.create(consultation=consultation, name=f"Theme {n}")
    answer = Answer.objects.get(question__kind="text", is_sent=True)
    client.force_login(make_member("editor@example.org", groups=["Board editors"]))
    data = {
        "csrfmiddlewaretoken": "x",
        "answer": answer.pk,
        f"a{answer.pk}-status": "hidden",
        f"a{answer.pk}-published_text": "",
        f"a{answer.pk}-redaction_reason": "",
        f"a{answer.pk}-themes": [t.pk for t in Theme.objects.all()],
    }
    client.post(f"{consultation.url}analysis/", data)
    assert answer.themes.count() == MAX_THEMES_PER_CONSULTATION


def test_a_theme_past_the_most_allowed_is_refused_with_a_reason(client, make_member, consultation):
    for n in range(MAX_THEMES_PER_CONSULTATION):
        Theme.objects.create(consultation=consultation, name=f"Theme {n}")
    client.force_login(make_member("editor@example.org", groups=["Board editors"]))
    html = client.post(
        f"{consultation.url}analysis/", {"add_theme": "1", "theme-name": "One more"}
    ).content.decode()
    assert f"A consultation can have at most {MAX_THEMES_PER_CONSULTATION} themes." in html


def test_the_page_editor_refuses_a_question_with_more_choices_than_allowed(consultation):
    form_class = ConsultationPage.get_edit_handler().get_form_class()
    data = {
        "title": consultation.title,
        "slug": consultation.slug,
        "board": consultation.board_id,
        "summary": consultation.summary,
        "opens_at": consultation.opens_at.strftime("%Y-%m-%d %H:%M"),
        "closes_at": consultation.closes_at.strftime("%Y-%m-%d %H:%M"),
        "who_is_asking": '{"blocks": [], "entityMap": {}}',
        "what_happens_next": '{"blocks": [], "entityMap": {}}',
        "background-count": "0",
        "easy_read-count": "0",
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "0",
        "questions-0-kind": "multiple",
        "questions-0-text": "What would help?",
        "questions-0-max_length": "1000",
        "questions-0-rating_labels": "a\nb\nc\nd\ne",
        "questions-0-required": "on",
        "questions-0-choices-TOTAL_FORMS": str(MAX_CHOICES_PER_QUESTION + 1),
        "questions-0-choices-INITIAL_FORMS": "0",
    }
    for n in range(MAX_CHOICES_PER_QUESTION + 1):
        data[f"questions-0-choices-{n}-text"] = f"Choice {n}"
        data[f"questions-0-choices-{n}-ORDER"] = str(n)
    form = form_class(
        data, instance=consultation, parent_page=Page.objects.get(pk=consultation.get_parent().pk)
    )
    form.is_valid()
    choices = form.formsets["questions"].forms[0].formsets["choices"]
    assert choices.non_form_errors() == [f"Please submit at most {MAX_CHOICES_PER_QUESTION} forms."]


def test_the_admin_takes_more_fields_than_the_public_cap(client):
    response = client.post("/admin/login/", padded({"username": "a@example.org", "password": "x"}, 1000))
    assert response.status_code == 200


def test_the_admin_refuses_more_fields_than_its_own_cap_with_a_clear_400(client):
    response = client.post("/admin/login/", padded({}, ADMIN_CAP + 1))
    assert (response.status_code, "We could not read what was sent" in response.content.decode()) == (
        400,
        True,
    )
