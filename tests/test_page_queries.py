"""What a page costs a signed-in member in queries: the same however much content the site
has, so a page never slows as the site grows. (Visitors who are not signed in are served
from the page cache: docs/performance.md.)"""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.events.factories import events_index, make_event
from tests.factories import consultations_index, make_consultation, make_home_page
from tests.reflections.conftest import make_document

pytestmark = pytest.mark.django_db


# Measured on SQLite and PostgreSQL, each page signed in as a member: about 8 to find the page
# (the site, the pages on its path, view restrictions), 3 for the member (session, user,
# profile), 5 for the layout (display preferences, organisation settings, the menus), and
# the page's own content; a page may cost less, never more.
BUDGET = {
    "home page": 20,
    "consultations": 17,
    "a consultation": 25,
    "events": 18,
    "an event": 26,
    "a reflection document": 21,
}


def add_content(numbers):
    """One each of a consultation, an event and a reflection document per number, published."""
    make_home_page()
    pages = {}
    for n in numbers:
        pages["consultation"] = make_consultation(title=f"Taking part, part {n}", slug=f"taking-part-{n}")
        pages["event"] = make_event(title=f"Board open afternoon {n}", slug=f"open-afternoon-{n}")
        pages["document"] = make_document(title=f"What we heard {n}", group_name=f"Advisory group {n}")
    return pages


def queries(client, url):
    client.get(url)  # the first request fills the caches every later one finds full
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def page_costs(pages, member):
    client = Client()
    client.force_login(member)
    urls = {
        "home page": "/",
        "consultations": consultations_index().url,
        "a consultation": pages["consultation"].url,
        "events": events_index().url,
        "an event": pages["event"].url,
        "a reflection document": pages["document"].url,
    }
    return {name: queries(client, url) for name, url in urls.items()}


def test_each_page_costs_a_signed_in_member_the_same_queries_with_three_times_the_content(make_member):
    member = make_member("member@example.org", groups=["Members"])
    pages = add_content(range(2))
    few = page_costs(pages, member)
    add_content(range(2, 6))
    more = page_costs(pages, member)  # the same pages, with four more of each beside them
    assert more == few, f"queries with 2 of each: {few}; with 6: {more}"
    over = {name: count for name, count in few.items() if count > BUDGET[name]}
    assert not over, f"over the budget of {BUDGET}: {over}"
