"""Every address under a consultation comes from its named route, and reads as before."""

import pytest

from tests.factories import make_consultation

pytestmark = pytest.mark.django_db

# (route name, its arguments, the address under the consultation people know)
ROUTES = [
    ("consultation_page", (), ""),
    ("start_answering", (), "answer/"),
    ("answer_question", (2,), "answer/2/"),
    ("check_answers", (), "answer/check/"),
    ("answers_sent", (), "answer/done/"),
    ("answers_saved", (), "answer/saved/"),
    ("answer_for", (), "answer-for/"),
    ("stop_answering_for", (), "answer-for/stop/"),
    ("results", (), "results/"),
    ("other_formats", (), "other-formats/"),
    ("analysis", (), "analysis/"),
    ("live_page", (7,), "live/7/"),
    ("chair_console", (7,), "live/7/chair/"),
    ("live_action", (7,), "live/7/action/"),
    ("transcript", (7,), "live/7/transcript/"),
    ("session_record", (7,), "live/7/record/"),
]


@pytest.mark.parametrize(("name", "args", "address"), ROUTES, ids=[route[0] for route in ROUTES])
def test_each_named_route_gives_the_address_people_know(name, args, address):
    page = make_consultation()
    assert page.url_for(name, *args) == f"/consultations/taking-part-in-meetings/{address}"
