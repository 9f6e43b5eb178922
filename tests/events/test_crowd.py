"""Twenty people registering at the same moment on a real daphne process: on the embedded
SQLite file (and on PostgreSQL when DATABASE_URL is set) every one is answered, none with a
server error, and the places and waiting list add up."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.http_client import Browser
from tests.servers import DemoSite, suite_database_name

EVENT = "/events/board-papers-you-can-read/"
PEOPLE = 20
# The demo's online drop-in has 40 places and one registration: make it 6 places for this test.
MAKE_MEMBERS = """
from django.contrib.auth.models import Group
from coproduction.members.models import Profile, User
from events.models import EventPage
members = Group.objects.get(name="Members")
for n in range({people}):
    user = User.objects.create_user(email=f"crowd{{n}}@example.org", password="coproduce-demo-2027")
    Profile.objects.create(user=user, display_name=f"Crowd {{n}}")
    user.groups.add(members)
EventPage.objects.filter(slug="board-papers-you-can-read").update(capacity=6)
"""


@pytest.fixture
def site(tmp_path):
    site = DemoSite(tmp_path, name=suite_database_name() + "_events_crowd").prepare()
    site.manage("shell", "-c", MAKE_MEMBERS.format(people=PEOPLE))
    site.start()
    yield site
    site.close()


def test_twenty_registrations_at_once_are_all_answered_without_a_server_error(site):
    browsers = [Browser(site).sign_in(f"crowd{n}@example.org") for n in range(PEOPLE)]
    tokens = [browser.form_token(EVENT + "register/") for browser in browsers]
    go = threading.Barrier(PEOPLE)

    def register(n):
        go.wait(timeout=60)
        status, location, _html = browsers[n].request(
            EVENT + "register/", {"csrfmiddlewaretoken": tokens[n], "contact_consent": "on"}
        )
        return status, location

    with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
        results = list(pool.map(register, range(PEOPLE)))

    assert [status for status, _location in results] == [302] * PEOPLE
    assert {location for _status, location in results} == {EVENT + "registered/"}
    pages = [browser.request(EVENT)[2] for browser in browsers]
    with_place = sum("You have a place." in page for page in pages)
    waiting = sorted(
        int(re.search(r"waiting list</strong>, number (\d+)", page).group(1))
        for page in pages
        if "waiting list</strong>" in page
    )
    # Five places were left beside the demo's own registration; the other fifteen wait in order.
    assert (with_place, waiting) == (5, list(range(1, 16)))
