"""What each role can do in the Wagtail admin with only the permissions the migrations give it."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from openpyxl import load_workbook
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from consultations.models import ConsultationPage
from coproduction.live.models import LiveSession
from tests.factories import (
    admin_time,
    answer_all,
    consultations_index,
    make_board,
    make_consultation,
    new_session_form,
)

pytestmark = pytest.mark.django_db

RATING_LABELS = "Very poor\nPoor\nNeither good nor poor\nGood\nVery good"


@pytest.fixture
def editor(make_member):
    return make_member("priya@example.org", groups=["Board editors"])


@pytest.fixture
def facilitator(make_member):
    return make_member("tomasz@example.org", groups=["Facilitators"])


def question(kind, text, choices=(), **fields):
    return {
        "kind": kind,
        "text": text,
        "easy_read_text": "",
        "hint": "",
        "required": "on",
        "max_length": "1000",
        "rating_labels": RATING_LABELS,
        **fields,
        "choices": inline_formset([{"text": choice, "easy_read_text": ""} for choice in choices]),
    }


def new_consultation_form(board, **changes):
    """What the Wagtail editor sends for a new consultation with one question of each kind."""
    data = {
        "title": "Getting to meetings",
        "slug": "getting-to-meetings",
        "board": str(board.pk),
        "summary": "The Board wants to know what would help you get to its meetings.",
        "background": streamfield([]),
        "opens_at": admin_time(-1),
        "closes_at": admin_time(14),
        "who_is_asking": rich_text("<p>The Board.</p>", features=["bold", "link", "ul"]),
        "what_happens_next": rich_text("<p>We report back in June.</p>", features=["bold", "link", "ul"]),
        "contact_details": "",
        "easy_read": streamfield([]),
        "audio_file": "",
        "questions": inline_formset(
            [
                question("single", "Where should meetings be?", ["Town Hall", "Online"]),
                question("multiple", "What would help?", ["Captions", "Breaks"], allow_other="on"),
                question("rating", "How easy is it to get to meetings now?"),
                question("ranking", "Put these in order", ["Buses", "Parking", "Lifts"]),
                question("text", "Anything else?"),
            ]
        ),
        "you_said": rich_text("", features=["bold", "link", "ul"]),
        "we_did": rich_text("", features=["bold", "link", "ul"]),
        "reported_back_at": "",
        **changes,
    }
    return nested_form_data(data)


def test_the_roles_permissions_are_there_after_migrate():
    editors = Group.objects.get(name="Board editors")
    facilitators = Group.objects.get(name="Facilitators")
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    on_root = GroupPagePermission.objects.filter(group=editors, page=root_page)
    assert sorted(on_root.values_list("permission__codename", flat=True)) == ["add_page", "publish_page"]
    assert sorted(
        GroupCollectionPermission.objects.filter(group=facilitators, collection=root_collection).values_list(
            "permission__codename", flat=True
        )
    ) == ["add_document", "add_image", "choose_document", "choose_image"]


def test_board_editor_builds_and_publishes_a_consultation_with_every_question_kind(client, editor):
    index = consultations_index()
    client.force_login(editor)
    url = f"/admin/pages/add/consultations/consultationpage/{index.pk}/"
    assert client.get(url).status_code == 200

    response = client.post(url, new_consultation_form(make_board(), **{"action-publish": "action-publish"}))

    assert response.status_code == 302, response.content.decode()[:3000]
    page = ConsultationPage.objects.get(slug="getting-to-meetings")
    assert page.live
    assert [(q.kind, [c.text for c in q.choices.all()]) for q in page.ordered_questions()] == [
        ("single", ["Town Hall", "Online"]),
        ("multiple", ["Captions", "Breaks"]),
        ("rating", []),
        ("ranking", ["Buses", "Parking", "Lifts"]),
        ("text", []),
    ]


def test_board_editor_edits_a_consultation_someone_else_started(client, editor):
    page = make_consultation()
    client.force_login(editor)
    data = new_consultation_form(page.board, title="Taking part, second draft", slug=page.slug)
    response = client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    latest = ConsultationPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert latest.title == "Taking part, second draft"


def test_board_editor_cannot_edit_the_home_page(client, editor):
    home = consultations_index().get_parent()
    client.force_login(editor)
    response = client.get(f"/admin/pages/{home.pk}/edit/")
    # Wagtail sends someone who may not edit a page back to the dashboard, with a message.
    assert response["Location"] == "/admin/"


def test_board_editor_sees_the_export_buttons_on_a_consultation(client, editor):
    page = make_consultation()
    client.force_login(editor)
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert [label in html for label in ("Export responses (CSV)", "Export responses (XLSX)")] == [True, True]


def test_board_editor_exports_responses_as_csv(client, editor, make_member):
    page = make_consultation()
    respondent = make_member("amina@example.org")
    client.force_login(respondent)
    answer_all(client, page)
    client.force_login(editor)
    response = client.get(f"/admin/consultations/{page.pk}/export.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert len(rows) == 2


def test_board_editor_exports_responses_as_xlsx(client, editor, make_member):
    page = make_consultation()
    client.force_login(make_member("amina@example.org"))
    answer_all(client, page)
    client.force_login(editor)
    response = client.get(f"/admin/consultations/{page.pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 2


def test_board_editor_uploads_a_document(client, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents.models import Document

    client.force_login(editor)
    upload = SimpleUploadedFile("papers.txt", b"Papers for the meeting.", content_type="text/plain")
    response = client.post(
        "/admin/documents/add/",
        {"title": "Papers", "file": upload, "collection": str(Collection.get_first_root_node().pk)},
    )
    assert response.status_code == 302
    assert Document.objects.filter(title="Papers").exists()


def test_facilitator_sets_up_a_live_session_for_a_consultation(client, facilitator, make_member):
    page = make_consultation()
    chair = make_member("helen@example.org")
    client.force_login(facilitator)
    data = new_session_form(page)
    data["chairs"] = [str(chair.pk)]
    response = client.post("/admin/snippets/live/livesession/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert LiveSession.objects.get().host.specific == page
