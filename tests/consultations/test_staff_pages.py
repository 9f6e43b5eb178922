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
def page(db):
    return make_consultation(results_published=True)


@pytest.fixture
def editor(make_member):
    return make_member("editor@example.org", groups=["Board editors"])


def export_urls(page):
    return [f'href="/admin/consultations/{page.pk}/export.{fmt}"' for fmt in ("csv", "xlsx")]


def links_shown(client, url, page):
    html = client.get(url).content.decode()
    return [link for link in export_urls(page) if link in html]


def test_board_editors_find_the_exports_on_the_results_page(client, page, editor):
    client.force_login(editor)
    assert links_shown(client, f"{page.url}results/", page) == export_urls(page)


def test_board_editors_find_the_exports_on_the_analysis_page(client, page, editor):
    client.force_login(editor)
    assert links_shown(client, f"{page.url}analysis/", page) == export_urls(page)


def test_members_see_no_export_links_on_published_results(client, page, make_member):
    client.force_login(make_member("amina@example.org"))
    assert links_shown(client, f"{page.url}results/", page) == []


def test_visitors_see_no_export_links_on_published_results(client, page):
    assert links_shown(client, f"{page.url}results/", page) == []


def test_a_moderator_who_may_not_export_sees_no_export_links(client, page, make_member):
    moderator = make_member("moderator@example.org")
    moderator.user_permissions.add(Permission.objects.get(codename="moderate_answers"))
    client.force_login(moderator)
    assert links_shown(client, f"{page.url}analysis/", page) == []


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


def answer_for_amina(client, page):
    response = client.post(
        f"{page.url}answer-for/", {"member_email": "amina@example.org", "channel": "phone", "consent": "on"}
    )
    assert response.status_code == 302
    return client.get(f"{page.url}answer/1/").content.decode()


@pytest.fixture
def access_coordinator(make_member):
    """A board editor who was also given the permission to see communication needs."""
    staff = make_member("coordinator@example.org", groups=["Board editors"])
    staff.user_permissions.add(Permission.objects.get(codename="view_communication_needs"))
    return staff


def test_staff_who_may_see_communication_needs_see_them_when_answering_for_a_member(
    client, page, amina, access_coordinator
):
    client.force_login(access_coordinator)
    html = answer_for_amina(client, page)
    needs = re.search(r'<ul class="communication-needs">(.*?)</ul>', html, re.S).group(1)
    assert re.findall(r"<li>(.*?)</li>", needs) == [
        "Easy read",
        "British Sign Language (BSL)",
        "Another language: Somali",
    ]


def test_staff_who_may_see_communication_needs_are_offered_the_easy_read_wording(
    client, page, amina, access_coordinator
):
    client.force_login(access_coordinator)
    html = answer_for_amina(client, page)
    assert f'<a href="{page.url}answer/1/?version=easy-read">Show the easy read wording</a>' in html


def test_board_editors_without_the_permission_do_not_see_communication_needs(client, page, amina, editor):
    client.force_login(editor)
    assert NEEDS not in answer_for_amina(client, page)


def test_a_named_supporter_does_not_see_communication_needs(client, page, amina, make_member):
    carer = make_member("carer@example.org")
    Supporter.objects.create(member=amina, supporter=carer)  # invited and accepted
    client.force_login(carer)
    assert NEEDS not in answer_for_amina(client, page)


def test_communication_needs_are_shown_on_check_your_answers_too(client, page, amina, access_coordinator):
    client.force_login(access_coordinator)
    answer_for_amina(client, page)
    for number, data in valid_answers(page).items():
        client.post(f"{page.url}answer/{number}/", data)
    assert NEEDS in client.get(f"{page.url}answer/check/").content.decode()


def test_the_permission_can_be_given_to_a_group_in_the_wagtail_admin():
    offered = [p for hook in hooks.get_hooks("register_permissions") for p in hook()]
    assert Permission.objects.get(codename="view_communication_needs") in offered
