"""The home page's "You said, we did" section: each published document with its figures in words."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from reflections.services import create_action, create_item
from tests.factories import make_home_page
from tests.reflections.conftest import item_values, make_document

pytestmark = pytest.mark.django_db


def home_html():
    return Client().get(make_home_page().url).content.decode()


def add_items(document, by, actions):
    """One published item per entry of `actions`, each with that action status (None: no action)."""
    for status in actions:
        item = create_item(document, item_values(), by=by)
        if status == "overdue":
            values = {"text": "Fix it", "owner": "Lead", "status": "agreed"}
            values["due_date"] = datetime.date.today() - datetime.timedelta(days=3)
            create_action(item, values, by=by)
        elif status is not None:
            create_action(item, {"text": "Fix it", "owner": "Lead", "status": status}, by=by)
    create_item(document, item_values(published=False), by=by)  # the group's draft: not counted


def test_the_home_page_shows_each_documents_figures_in_words(document, sam):
    add_items(document, sam, ["done", "overdue", "in_progress", None])
    html = home_html()
    assert "You said, we did" in html
    assert "4 things people said: 3 with an action, 1 done, 1 overdue." in html


def test_the_home_page_costs_the_same_queries_with_more_documents(document, sam, add_to_group):
    add_items(document, sam, ["done", None])
    home_html()  # warm the caches (site root, settings) that are read once
    with CaptureQueriesContext(connection) as one_document:
        home_html()
    for n in range(3):
        other = make_document(title=f"Youth forum {n}", group_name=f"Youth forum {n}")
        add_items(other, sam, ["done", "agreed", "overdue"])
    with CaptureQueriesContext(connection) as four_documents:
        html = home_html()
    assert html.count("3 things people said: 3 with an action, 1 done, 1 overdue.") == 3
    assert len(four_documents) == len(one_document)
