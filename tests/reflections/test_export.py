"""The annual report: DOCX with headings and a table per meeting, and CSV, of what the reader may read."""

import csv
import datetime
import io

import pytest
from django.test import Client
from docx import Document

from reflections.services import create_action, create_item
from tests.reflections.conftest import item_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(document, sam):
    meeting = document.meetings.get()
    at_meeting = create_item(document, item_values(meeting=meeting), by=sam)
    create_action(
        at_meeting, {"text": "Ask for a shelter", "owner": "Transport lead", "status": "done"}, by=sam
    )
    create_item(document, item_values(you_said="Raised by email", said_on=datetime.date(2026, 5, 1)), by=sam)
    create_item(document, item_values(you_said="A draft only the group sees.", published=False), by=sam)


def test_the_docx_has_headings_and_a_table_per_meeting_with_a_header_row(document, items):
    response = Client().get(document.url_for("export", "docx"))
    doc = Document(io.BytesIO(response.content))
    headings = [
        (p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings == [
        ("Title", "What we heard and what we did"),
        ("Heading 1", "At a glance"),
        ("Heading 1", "March meeting, 12 March 2026"),
        ("Heading 1", "Raised elsewhere"),
    ]
    assert len(doc.tables) == 2
    first = doc.tables[0]
    assert [c.text for c in first.rows[0].cells][0] == "You said"
    assert first.rows[0]._tr.trPr.xpath("./w:tblHeader")
    assert "Ask for a shelter (Transport lead; Done)" in first.rows[1].cells[2].text
    assert "A draft only the group sees." not in "".join(
        c.text for t in doc.tables for r in t.rows for c in r.cells
    )


def test_the_csv_has_a_row_per_action_and_leaves_out_drafts_for_the_public(document, items):
    rows = list(csv.DictReader(io.StringIO(Client().get(document.url_for("export", "csv")).content.decode())))
    assert [(r["You said"][:15], r["Action"], r["Status"]) for r in rows] == [
        ("The bus stop on", "Ask for a shelter", "Done"),
        ("Raised by email", "", "No action yet"),
    ]


def test_the_group_exports_its_drafts_too(document, items, sam):
    client = Client()
    client.force_login(sam)
    rows = list(csv.DictReader(io.StringIO(client.get(document.url_for("export", "csv")).content.decode())))
    assert "A draft only the group sees." in [r["You said"] for r in rows]


def test_a_date_range_keeps_the_items_said_within_it(document, items):
    response = Client().get(document.url_for("export", "csv") + "?from=2026-04-01&to=2026-12-31")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["You said"] for r in rows] == ["Raised by email"]
