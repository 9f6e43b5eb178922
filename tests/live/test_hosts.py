"""Which pages can hold live sessions, as a facilitator setting one up in the admin meets it,
and written questions as sources of "you said" items."""

import json
import re

import pytest

from coproduction.live.models import LiveSession, WrittenQuestion
from home.models import StandardPage
from home.sources import find_sources, source_for
from tests.factories import make_consultation, make_home_page, make_live_session, new_session_form

pytestmark = pytest.mark.django_db

ADD = "/admin/snippets/live/livesession/add/"


@pytest.fixture
def facilitator(make_member):
    return make_member("tomasz@example.org", groups=["Facilitators"])


def chooser_page_types(html):
    """The page types the host chooser offers, from the options the admin page gives its script."""
    options = re.search(r'new PageChooser\("id_host", (\{.*?\})\);', html.replace("&quot;", '"'))
    assert options, "no host chooser on the form"
    return json.loads(options.group(1))["modelNames"]


def test_the_host_chooser_offers_only_pages_that_can_hold_live_sessions(client, facilitator):
    client.force_login(facilitator)
    html = client.get(ADD).content.decode()
    # Consultations, events, reflection documents (for their group's meetings, and who is
    # editing) and the test-only meeting page; never a standard page.
    assert chooser_page_types(html) == [
        "consultations.consultationpage",
        "events.eventpage",
        "reflections.reflectiondocumentpage",
        "test_meetings.meetingpage",
    ]


def test_a_page_that_cannot_hold_live_sessions_is_refused_as_host(client, facilitator):
    home = make_home_page()
    about = home.add_child(instance=StandardPage(title="About us", slug="about-us"))
    client.force_login(facilitator)
    response = client.post(ADD, new_session_form(about))
    assert response.status_code == 200
    assert "Choose a page that can hold live sessions." in response.content.decode()
    assert not LiveSession.objects.exists()


def test_a_published_written_question_is_a_source_of_you_said_items(make_member):
    page = make_consultation()
    session = make_live_session(page, make_member("helen@example.org"))
    question = WrittenQuestion.objects.create(
        session=session,
        member=make_member("amina@example.org"),
        text="Will papers come in easy read?",
        publish=True,
    )
    WrittenQuestion.objects.create(session=session, text="Only the chair saw this easy read question")
    source = source_for(question)
    assert (source.label, source.title) == (
        "Written question from a live session",
        "Will papers come in easy read?",
    )
    assert source.url == f"{page.url}live/{session.pk}/record/#question-{question.pk}"
    assert [s.title for s in find_sources("easy read")] == ["Will papers come in easy read?"]
