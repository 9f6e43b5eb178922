"""CSV and XLSX exports of a consultation's responses, for board staff."""

import csv
import io

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import ConsultationPage
from .services import counted_responses
from .summary import answers_summary


def export_rows(page, user):
    """Header and one row per submitted response. Names only for those allowed to see them."""
    show_identity = user.has_perm("consultations.view_respondent_identity")
    questions = page.ordered_questions()
    header = [
        "Response",
        "Submitted at",
        "How it was given",
        "Voted in a live poll",
        "Entered by someone else",
    ]
    if show_identity:
        header += ["Name", "Email"]
    header += ["Agreed to publication"] + [f"Q{n}. {q.text}" for n, q in enumerate(questions, start=1)]
    rows = [header]
    # Live votes are answers like any other: a member who only voted live is a row too.
    responses = sorted(
        counted_responses(page).select_related("member__profile"),
        key=lambda response: (answered_at(response), response.pk),
    )
    for number, response in enumerate(responses, start=1):
        row = [
            number,
            timezone.localtime(answered_at(response)).strftime("%Y-%m-%d %H:%M"),
            response.get_channel_display(),
            "yes" if response.last_live_vote_at else "no",
            "yes" if response.entered_by_id else "no",
        ]
        if show_identity:
            member = response.member
            row += [member.display_name if member else "", member.email if member else ""]
        row.append("yes" if response.publish_consent else "no")
        row += ["; ".join(summary.lines) for summary in answers_summary(page, response, sent=True)]
        rows.append(row)
    return rows


def answered_at(response):
    """When the answers were sent: the submission, or the live vote of someone who only voted live."""
    return response.submitted_at if response.is_submitted else response.last_live_vote_at


def _safe_cell(value):
    # Spreadsheet programs run a cell that starts with = + - @ as a formula.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def export_responses(request, page_id, file_format):
    if not request.user.has_perm("consultations.export_responses"):
        raise PermissionDenied
    page = get_object_or_404(ConsultationPage, pk=page_id)
    rows = [[_safe_cell(v) for v in row] for row in export_rows(page, request.user)]
    filename = f"{slugify(page.title)}-responses"
    if file_format == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "Responses"
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def export_links_context(user, page):
    """Links to the CSV and XLSX exports, for people who may export responses."""
    if not (user.has_perm("consultations.export_responses") and user.has_perm("wagtailadmin.access_admin")):
        return {}
    return {
        "export_links": [
            {
                "url": reverse("consultations_export", args=[page.pk, file_format]),
                "label": _("Download the responses as a spreadsheet (%(format)s)")
                % {"format": file_format.upper()},
            }
            for file_format in ("csv", "xlsx")
        ],
        "export_shows_identity": user.has_perm("consultations.view_respondent_identity"),
    }
