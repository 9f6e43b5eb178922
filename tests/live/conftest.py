"""Shared fixtures for the live engine's tests: the host page and the people in a session.

`host_page` is a consultation unless a test asks for both kinds of host with
`@both_hosts` (tests/live/helpers.py): then it runs once on a consultation and once on a
test-only meeting page (tests/meetings) that knows nothing of consultations.
"""

import pytest

from tests.factories import make_consultation, make_home_page


def make_meeting_page(title="Advisory group meeting", slug="advisory-group-meeting"):
    """A published page that is not a consultation and hosts live sessions."""
    from tests.meetings.models import MeetingPage

    page = MeetingPage.objects.filter(slug=slug).first()
    if page is None:
        page = make_home_page().add_child(instance=MeetingPage(title=title, slug=slug))
        page.save_revision().publish()
    return page


HOSTS = {"consultation": make_consultation, "meeting": make_meeting_page}


@pytest.fixture
def host_page(request, db):
    """The page the session is hosted by: a consultation, or (parametrised) a meeting page."""
    return HOSTS[getattr(request, "param", "consultation")]()


@pytest.fixture
def chair(make_member):
    return make_member("chair@example.org", display_name="Cllr Osei")


@pytest.fixture
def captioner(make_member):
    return make_member("captioner@example.org", display_name="Ruth")
