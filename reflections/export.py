"""The group's annual report: the document as DOCX (real headings, table header rows) and CSV.

Both hold what the person may read: published items for everyone, all items for the group.
A date range (`from`, `to`, as YYYY-MM-DD) keeps the items said within it.
"""

import csv
import datetime
import io

from django.http import HttpResponse
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .models import ActionStatus

STATUS_WORDS = {"no_action": "No action yet", **dict(ActionStatus.choices)}


def date_range(query):
    """The range asked for in the address; a date that is not one is ignored."""
    bounds = []
    for name in ("from", "to"):
        try:
            bounds.append(datetime.date.fromisoformat(query.get(name, "")))
        except ValueError:
            bounds.append(None)
    return tuple(bounds)


def in_range(items, start, end):
    return [i for i in items if (start is None or i.said_on >= start) and (end is None or i.said_on <= end)]


def _actions_in_words(item):
    return "\n".join(
        f"{action.text} ({action.owner}; {STATUS_WORDS[action.status]}"
        + (f"; due {action.due_date:%-d %B %Y}" if action.due_date else "")
        + (f"; reason: {action.reason}" if action.reason else "")
        + ")"
        for action in item.actions.all()
    )


def csv_response(page, items):
    """One row per action (an item without an action has one row of its own)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "Item",
            "You said",
            "Said on",
            "Meeting",
            "Outcome wanted",
            "Better for",
            "Who it is for",
            "Action",
            "Owner",
            "Status",
            "Due",
            "Review",
            "Reason",
        ]
    )
    for item in items:
        base = [
            item.pk,
            item.you_said,
            item.said_on.isoformat(),
            item.meeting.title if item.meeting else "",
            item.outcome_wanted,
            item.outcome_for,
            item.get_audience_display(),
        ]
        actions = list(item.actions.all()) or [None]
        for action in actions:
            if action is None:
                writer.writerow(base + ["", "", STATUS_WORDS["no_action"], "", "", ""])
                continue
            writer.writerow(
                base
                + [
                    action.text,
                    action.owner,
                    action.get_status_display(),
                    action.due_date.isoformat() if action.due_date else "",
                    action.review_date.isoformat() if action.review_date else "",
                    action.reason,
                ]
            )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}.csv"'
    return response


def _repeat_header(row):
    """Mark a table's first row as its header row, repeated on each page and read as headers."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _table(doc, items):
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells,
        ["You said", "Outcome wanted, and for whom", "We did / we will", "Status"],
        strict=True,
    ):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    _repeat_header(table.rows[0])
    for item in items:
        cells = table.add_row().cells
        cells[0].text = item.you_said
        cells[1].text = item.outcome_wanted + (f"\nFor: {item.outcome_for}" if item.outcome_for else "")
        cells[2].text = _actions_in_words(item) or "No action yet"
        cells[3].text = STATUS_WORDS[item.status()]


def docx_response(page, items, figures):
    """The document with a heading per meeting, each with a table of the items raised there."""
    doc = Document()
    doc.core_properties.title = page.title
    doc.add_heading(page.title, level=0)
    doc.add_paragraph(f"Kept by {page.group.name}.")
    doc.add_heading("At a glance", level=1)
    for words in [
        f"Things people said: {figures.items}",
        f"With an action: {figures.with_action}",
        f"Done: {figures.done}",
        f"With an overdue action: {figures.overdue}",
    ]:
        doc.add_paragraph(words, style="List Bullet")
    groups = [(m, [i for i in items if i.meeting_id == m.pk]) for m in page.meetings.all()]
    groups.append((None, [i for i in items if i.meeting_id is None]))
    for meeting, meeting_items in groups:
        if not meeting_items:
            continue
        title = f"{meeting.title}, {meeting.date:%-d %B %Y}" if meeting else "Raised elsewhere"
        doc.add_heading(title, level=1)
        _table(doc, meeting_items)
    out = io.BytesIO()
    doc.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="{page.slug}.docx"'
    return response
