"""Results, moderation, themes, "we did" and exports: who sees what."""

import csv
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from consultations.models import Response, Theme
from consultations.models.responses import ModerationStatus
from tests.factories import choice_id, valid_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(make_member):
    return make_member("editor@example.org", groups=["Board editors"])


def respond(make_member, consultation, email, consent=True, overrides=None):
    client = Client()
    client.force_login(make_member(email))
    answers = valid_answers(consultation)
    answers.update(overrides or {})
    for number, data in answers.items():
        client.post(f"{consultation.url}answer/{number}/", data)
    client.post(f"{consultation.url}answer/check/", {"publish_consent": "on"} if consent else {})
    return Response.objects.get(member__email=email)


def test_results_are_hidden_from_the_public_until_published(client, consultation):
    response = client.get(f"{consultation.url}results/")
    assert response.status_code == 403
    assert "The results are not published yet" in response.content.decode()
    type(consultation).objects.filter(pk=consultation.pk).update(results_published=True)
    assert client.get(f"{consultation.url}results/").status_code == 200


def test_board_editors_see_live_counts_while_open(client, make_member, consultation, editor):
    respond(make_member, consultation, "a@example.org")
    respond(
        make_member,
        consultation,
        "b@example.org",
        overrides={1: {"answer": choice_id(consultation, 1, "Both")}},
    )
    client.force_login(editor)
    html = client.get(f"{consultation.url}results/").content.decode()
    assert "these are live counts" in html
    assert "2 people sent answers." in html
    assert '<th scope="row">Online</th><td>1</td><td>50%</td>' in html
    assert '<th scope="row">Both</th><td>1</td><td>50%</td>' in html
    assert '<svg class="chart__svg" role="img"' in html
    assert "<title id=" in html


def test_drafts_are_not_counted(client, make_member, consultation, editor):
    drafter = Client()
    drafter.force_login(make_member("draft@example.org"))
    drafter.post(f"{consultation.url}answer/1/", {"answer": choice_id(consultation, 1, "Online")})
    client.force_login(editor)
    assert "0 people sent answers." in client.get(f"{consultation.url}results/").content.decode()


def test_written_answers_appear_only_after_moderation_and_with_consent(
    client, make_member, consultation, editor
):
    agreed = respond(
        make_member,
        consultation,
        "a@example.org",
        overrides={5: {"answer": "Ask Priya Shah about the ramp."}},
    )
    refused = respond(
        make_member,
        consultation,
        "b@example.org",
        consent=False,
        overrides={5: {"answer": "Keep this private."}},
    )
    type(consultation).objects.filter(pk=consultation.pk).update(results_published=True)
    public = Client()
    assert "Ask Priya" not in public.get(f"{consultation.url}results/").content.decode()

    client.force_login(editor)
    agreed_answer = agreed.answers.get(question__kind="text", is_current=True)
    refused_answer = refused.answers.get(question__kind="text", is_current=True)
    # Changing the words needs a reason.
    html = client.post(
        f"{consultation.url}analysis/",
        {
            "answer": agreed_answer.pk,
            f"a{agreed_answer.pk}-status": "approved",
            f"a{agreed_answer.pk}-published_text": "Ask [name removed] about the ramp.",
        },
    ).content.decode()
    assert "Say why you changed the words" in html
    client.post(
        f"{consultation.url}analysis/",
        {
            "answer": agreed_answer.pk,
            f"a{agreed_answer.pk}-status": "approved",
            f"a{agreed_answer.pk}-published_text": "Ask [name removed] about the ramp.",
            f"a{agreed_answer.pk}-redaction_reason": "Took out a staff member's name",
        },
    )
    # Without consent it cannot be published.
    html = client.post(
        f"{consultation.url}analysis/",
        {
            "answer": refused_answer.pk,
            f"a{refused_answer.pk}-status": "approved",
            f"a{refused_answer.pk}-published_text": "Keep this private.",
        },
    ).content.decode()
    assert "This person did not agree to their words being published" in html

    html = public.get(f"{consultation.url}results/").content.decode()
    assert "Ask [name removed] about the ramp." in html
    assert "Priya" not in html and "Keep this private." not in html
    assert agreed_answer.moderation.redaction_reason == "Took out a staff member's name"
    assert agreed_answer.moderation.status == ModerationStatus.APPROVED


def test_themes_are_tagged_and_counted(client, make_member, consultation, editor):
    first = respond(
        make_member, consultation, "a@example.org", overrides={5: {"answer": "The bus ramp is broken."}}
    )
    second = respond(
        make_member, consultation, "b@example.org", overrides={5: {"answer": "Buses stop too early."}}
    )
    client.force_login(editor)
    client.post(f"{consultation.url}analysis/", {"add_theme": "1", "theme-name": "Buses"})
    html = client.post(
        f"{consultation.url}analysis/", {"add_theme": "1", "theme-name": "buses"}
    ).content.decode()
    assert "There is already a theme with this name" in html
    theme = Theme.objects.get(consultation=consultation)
    for response in (first, second):
        answer = response.answers.get(question__kind="text", is_current=True)
        client.post(
            f"{consultation.url}analysis/",
            {"answer": answer.pk, f"a{answer.pk}-status": "hidden", f"a{answer.pk}-themes": [theme.pk]},
        )
    html = client.get(f"{consultation.url}results/").content.decode()
    assert '<th scope="row">Buses</th><td>2</td>' in html


def test_members_and_the_public_cannot_moderate(client, make_member, consultation):
    assert client.get(f"{consultation.url}analysis/").status_code == 302
    client.force_login(make_member("m@example.org"))
    assert client.get(f"{consultation.url}analysis/").status_code == 403


def test_reported_back_page_shows_we_asked_you_said_we_did(client, demo):
    consultation = demo["consultations"]["closed"]
    html = client.get(consultation.url).content.decode()
    assert "We asked, you said, we did" in html
    assert "9 people answered." in html
    assert "Bus routes and reliability" in html
    assert "Healthy Travel hardship scheme" in html


def exported_rows(client, consultation):
    response = client.get(f"/admin/consultations/{consultation.pk}/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_export_csv_has_a_header_and_one_row_per_response(client, make_member, consultation, editor):
    respond(make_member, consultation, "a@example.org")
    respond(make_member, consultation, "b@example.org")
    client.force_login(editor)
    rows = exported_rows(client, consultation)
    assert [row[:2] for row in rows] == [["Response", "Submitted at"], ["1", rows[1][1]], ["2", rows[2][1]]]


def test_board_editors_export_shows_who_answered(client, make_member, consultation, editor):
    respond(make_member, consultation, "a@example.org")
    client.force_login(editor)
    header, row = exported_rows(client, consultation)
    assert dict(zip(header, row, strict=True))["Email"] == "a@example.org"


def test_exported_cells_never_run_as_spreadsheet_formulas(client, make_member, consultation, editor):
    respond(make_member, consultation, "a@example.org", overrides={5: {"answer": '=HYPERLINK("http://x")'}})
    client.force_login(editor)
    header, row = exported_rows(client, consultation)
    assert row[-1] == '\'=HYPERLINK("http://x")'


def test_export_without_identity_permission_leaves_names_out(client, make_member, consultation):
    respond(make_member, consultation, "a@example.org")
    analyst = make_member("analyst@example.org")
    from django.contrib.auth.models import Permission

    analyst.user_permissions.add(
        Permission.objects.get(codename="export_responses"), Permission.objects.get(codename="access_admin")
    )
    client.force_login(analyst)
    rows = list(
        csv.reader(
            io.StringIO(client.get(f"/admin/consultations/{consultation.pk}/export.csv").content.decode())
        )
    )
    assert "Name" not in rows[0] and "Email" not in rows[0]
    assert "a@example.org" not in str(rows)


def test_export_xlsx_opens_in_a_spreadsheet(client, make_member, consultation, editor):
    respond(make_member, consultation, "a@example.org")
    client.force_login(editor)
    response = client.get(f"/admin/consultations/{consultation.pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert sheet.max_row == 2
    assert row["Q1. Where should meetings be?"] == "Online"
    assert row["Q3. How well does the Board listen?"] == "4 – Good"


def test_the_public_are_sent_to_sign_in_instead_of_exporting(client, consultation):
    response = client.get(f"/admin/consultations/{consultation.pk}/export.csv")
    assert (response.status_code, response["Location"].split("?")[0]) == (302, "/admin/login/")


def test_members_are_sent_to_the_admin_sign_in_instead_of_exporting(client, make_member, consultation):
    client.force_login(make_member("m@example.org"))
    response = client.get(f"/admin/consultations/{consultation.pk}/export.csv")
    assert (response.status_code, response["Location"].split("?")[0]) == (302, "/admin/login/")
