"""What staff see on the public side: export links, and a member's communication needs
where the person may see them."""

import re

import pytest
from django.contrib.auth.models import Permission
from wagtail import hooks

from coproduction.members.models import Supporter
from tests.factories import make_consultation, valid_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(db):
    return make_consultation(results_published=True)


@pytest.fixture
def editor(make_member):
    return make_member("editor@example.org", groups=["Board editors"])


def export_urls(consultation):
    return [f'href="/admin/consultations/{consultation.pk}/export.{fmt}"' for fmt in ("csv", "xlsx")]


def links_shown(client, url, consultation):
    html = client.get(url).content.decode()
    return [link for link in export_urls(consultation) if link in html]


def test_board_editors_find_the_exports_on_the_results_page(client, consultation, editor):
    client.force_login(editor)
    assert links_shown(client, f"{consultation.url}results/", consultation) == export_urls(consultation)


def test_board_editors_find_the_exports_on_the_analysis_page(client, consultation, editor):
    client.force_login(editor)
    assert links_shown(client, f"{consultation.url}analysis/", consultation) == export_urls(consultation)


def test_members_see_no_export_links_on_published_results(client, consultation, make_member):
    client.force_login(make_member("amina@example.org"))
    assert links_shown(client, f"{consultation.url}results/", consultation) == []


def test_visitors_see_no_export_links_on_published_results(client, consultation):
    assert links_shown(client, f"{consultation.url}results/", consultation) == []


def test_a_moderator_who_may_not_export_sees_no_export_links(client, consultation, make_member):
    moderator = make_member("moderator@example.org")
    moderator.user_permissions.add(Permission.objects.get(codename="moderate_answers"))
    client.force_login(moderator)
    assert links_shown(client, f"{consultation.url}analysis/", consultation) == []


# Communication needs ---------------------------------------------------------------


NEEDS = "How Amina reads and communicates:"


@pytest.fixture
def amina(make_member):
    return make_member(
        "amina@example.org",
        display_name="Amina",
        communication_needs=["easy_read", "bsl"],
        other_language="Somali",
    )


def answer_for_amina(client, consultation):
    response = client.post(
        f"{consultation.url}answer-for/",
        {"member_email": "amina@example.org", "channel": "phone", "consent": "on"},
    )
    assert response.status_code == 302
    return client.get(f"{consultation.url}answer/1/").content.decode()


@pytest.fixture
def access_coordinator(make_member):
    """A board editor who was also given the permission to see communication needs."""
    staff = make_member("coordinator@example.org", groups=["Board editors"])
    staff.user_permissions.add(Permission.objects.get(codename="view_communication_needs"))
    return staff


def test_staff_who_may_see_communication_needs_see_them_when_answering_for_a_member(
    client, consultation, amina, access_coordinator
):
    client.force_login(access_coordinator)
    html = answer_for_amina(client, consultation)
    needs = re.search(r'<ul class="communication-needs">(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", needs) == [
        "Easy read",
        "British Sign Language (BSL)",
        "Another language: Somali",
    ]


def test_staff_who_may_see_communication_needs_are_offered_the_easy_read_wording(
    client, consultation, amina, access_coordinator
):
    client.force_login(access_coordinator)
    html = answer_for_amina(client, consultation)
    assert f'<a href="{consultation.url}answer/1/?version=easy-read">Show the easy read wording</a>' in html


def test_board_editors_without_the_permission_do_not_see_communication_needs(
    client, consultation, amina, editor
):
    client.force_login(editor)
    assert NEEDS not in answer_for_amina(client, consultation)


def test_a_named_supporter_does_not_see_communication_needs(client, consultation, amina, make_member):
    carer = make_member("carer@example.org")
    Supporter.objects.create(member=amina, supporter=carer)  # invited and accepted
    client.force_login(carer)
    assert NEEDS not in answer_for_amina(client, consultation)


def test_communication_needs_are_shown_on_check_your_answers_too(
    client, consultation, amina, access_coordinator
):
    client.force_login(access_coordinator)
    answer_for_amina(client, consultation)
    for number, data in valid_answers(consultation).items():
        client.post(f"{consultation.url}answer/{number}/", data)
    assert NEEDS in client.get(f"{consultation.url}answer/check/").content.decode()


def test_the_permission_can_be_given_to_a_group_in_the_wagtail_admin():
    offered = [p for hook in hooks.get_hooks("register_permissions") for p in hook()]
    assert Permission.objects.get(codename="view_communication_needs") in offered
