"""Every step of the answering journey is guarded the same way, by one decorator."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpResponse

from consultations.answering import answering_view
from tests.factories import make_consultation

pytestmark = pytest.mark.django_db


@answering_view
def whose_answers(request, page, respondent):
    """A step that says whose answers it would record."""
    return HttpResponse(respondent.member.email)


def request_for(rf, page, user):
    request = rf.get(f"{page.url}answer/1/")
    request.user = user
    request.session = SessionStore()
    return request


def test_a_step_shows_the_not_open_page_before_the_consultation_opens(rf, make_member):
    page = make_consultation(opens=2, closes=9)
    response = whose_answers(request_for(rf, page, make_member()), page)
    assert (response.status_code, response.template_name) == (403, "consultations/not_open.html")


def test_a_step_sends_a_signed_out_person_to_sign_in_and_back(rf):
    page = make_consultation()
    response = whose_answers(request_for(rf, page, AnonymousUser()), page)
    assert response["Location"] == f"/account/sign-in/?next={page.url}answer/1/"


def test_a_step_is_given_the_person_answering(rf, make_member):
    page = make_consultation()
    response = whose_answers(request_for(rf, page, make_member("amina@example.org")), page)
    assert response.content.decode() == "amina@example.org"
