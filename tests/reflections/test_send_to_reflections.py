"""From a consultation theme, a facilitator or board editor sends a "you said" item to a document, and
the theme's place on the results page shows the item and its status: one source of truth."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from consultations.models import Theme
from reflections.models import Item
from reflections.services import create_action
from tests.factories import make_consultation, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme(document):
    consultation = make_consultation(results_published=True)
    return Theme.objects.create(consultation=consultation, name="Bus stops without shelter")


def send_url(obj):
    return f"/send-to-reflections/{ContentType.objects.get_for_model(obj).pk}/{obj.pk}/"


def test_a_board_editor_sends_a_theme_and_the_results_page_shows_what_happened(
    document, theme, sam, make_member
):
    editor = make_member("editor@example.org", groups=["Board editors"])
    client = signed_in(editor)
    results = client.get(f"{theme.consultation.url}results/").content.decode()
    assert "Send \u201cBus stops without shelter\u201d to reflections" in results

    response = client.post(
        send_url(theme), {"document": document.pk, "you_said": "Bus stops have no shelter."}
    )
    item = Item.objects.get()
    assert response["Location"] == item.get_absolute_url()
    assert (item.source_id, item.published, item.document_id) == (theme.pk, False, document.pk)

    # The group publishes it and adds an action; the results page shows it, for everyone.
    Item.objects.filter(pk=item.pk).update(published=True)
    create_action(
        item, {"text": "Ask for shelters", "owner": "Transport lead", "status": "in_progress"}, by=sam
    )
    public = Client().get(f"{theme.consultation.url}results/").content.decode()
    assert (
        f'<a href="{item.get_absolute_url()}">You said, we did: {document.title}</a>: In progress' in public
    )
    assert "to reflections" not in public


def test_the_item_page_links_back_to_its_source(document, theme, make_member):
    editor = make_member("editor@example.org", groups=["Facilitators"])
    signed_in(editor).post(
        send_url(theme), {"document": document.pk, "you_said": "Bus stops have no shelter."}
    )
    item = Item.objects.get()
    Item.objects.filter(pk=item.pk).update(published=True)
    html = Client().get(item.get_absolute_url()).content.decode()
    assert "Consultation theme: <a href=" in html
    assert "Bus stops without shelter" in html


def test_members_cannot_send_to_reflections(document, theme, sam):
    assert (
        signed_in(sam).post(send_url(theme), {"document": document.pk, "you_said": "Mine"}).status_code == 403
    )
    assert not Item.objects.exists()


def test_something_that_cannot_be_a_source_is_not_found(document, make_member):
    editor = make_member("editor@example.org", groups=["Board editors"])
    assert signed_in(editor).get(send_url(editor)).status_code == 404


def test_a_document_that_is_not_offered_is_refused_clearly(document, theme, make_member):
    editor = make_member("editor@example.org", groups=["Board editors"])
    response = signed_in(editor).post(send_url(theme), {"document": 99999, "you_said": "Words"})
    assert response.status_code == 200
    assert "Choose one of the documents listed" in response.content.decode()
    assert "Words" in response.content.decode()
    assert not Item.objects.exists()


def test_a_facilitator_sends_a_world_cafe_theme_and_a_contribution_and_the_output_shows_them(
    document, sam, make_member
):
    from events.models import CafeTheme, Contribution
    from tests.events.factories import make_world_cafe

    host = make_member("host@example.org", display_name="Table host")
    cafe = make_world_cafe(hosts=[host])
    facilitator = signed_in(make_member("facilitator@example.org", groups=["Facilitators"]))
    theme = CafeTheme.objects.create(page=cafe, name="Hearing back after we take part")
    table, first_round = cafe.ordered_tables()[0], cafe.ordered_rounds()[0]
    contribution = Contribution.objects.create(
        page=cafe,
        table=table,
        round=first_round,
        text="Nobody tells us what happened next.",
        recorded_by=host,
    )
    contribution.themes.add(theme)
    facilitator.post(cafe.url_for("publish_harvest"), {"action": "publish"})

    # The facilitator's themes page offers "send to reflections" for the theme and for each contribution.
    working = facilitator.get(cafe.url_for("themes")).content.decode()
    assert "Send \u201cHearing back after we take part\u201d to reflections" in working
    assert "Send \u201cNobody tells us what happened next.\u201d to reflections" in working

    for source, words in (
        (theme, "People want to hear back."),
        (contribution, "Nobody tells us what happened."),
    ):
        response = facilitator.post(send_url(source), {"document": document.pk, "you_said": words})
        assert response.status_code == 302
    from_theme = Item.objects.get(source_type=ContentType.objects.get_for_model(CafeTheme))
    from_contribution = Item.objects.get(source_type=ContentType.objects.get_for_model(Contribution))
    assert (from_theme.source_id, from_contribution.source_id) == (theme.pk, contribution.pk)

    # Once the group publishes them, the published output shows the theme's item and its status.
    Item.objects.update(published=True)
    create_action(
        from_theme, {"text": "Report back at every event", "owner": "Events lead", "status": "agreed"}, by=sam
    )
    output = Client().get(cafe.url_for("harvest_output")).content.decode()
    assert (
        f'<a href="{from_theme.get_absolute_url()}">You said, we did: {document.title}</a>: Agreed' in output
    )
    assert "to reflections" not in output
    # The contribution's item shows on the facilitator's page, beside the contribution.
    working = facilitator.get(cafe.url_for("themes")).content.decode()
    link = f'<a href="{from_contribution.get_absolute_url()}">You said, we did: {document.title}</a>'
    assert f"{link}: No action yet" in working
    # The published output shows it too, beside the contribution, for everyone.
    assert f"{link}: No action yet" in Client().get(cafe.url_for("harvest_output")).content.decode()
    # And each item links back to where it came from.
    item_page = Client().get(from_theme.get_absolute_url()).content.decode()
    assert "World Café theme: <a href=" in item_page


def published_item_from(document, obj, sam):
    from home.sources import source_for
    from reflections.services import create_item
    from tests.reflections.conftest import item_values

    item = create_item(document, item_values(), by=sam, source=source_for(obj))
    Item.objects.filter(pk=item.pk).update(published=True)
    create_action(item, {"text": "Ask for shelters", "owner": "Transport lead", "status": "done"}, by=sam)
    return item


def test_the_consultations_we_did_section_shows_what_happened_to_each_theme(document, sam):
    from django.utils import timezone

    consultation = make_consultation(
        opens=-30, closes=-10, we_did="<p>We asked the council for shelters.</p>", results_published=True
    )
    consultation.reported_back_at = timezone.now()
    consultation.save_revision().publish()
    theme = Theme.objects.create(consultation=consultation, name="Bus stops without shelter")
    item = published_item_from(document, theme, sam)

    html = Client().get(consultation.url).content.decode()
    we_did = html[html.index('id="we-did-heading"') :]
    assert f'<a href="{item.get_absolute_url()}">You said, we did: {document.title}</a>: Done' in we_did


def test_a_session_record_shows_what_happened_to_a_question_put_on_the_record(document, sam, make_member):
    from coproduction.live.models import WrittenQuestion
    from tests.factories import make_live_session

    consultation = make_consultation()
    session = make_live_session(
        consultation, make_member("chair@example.org"), state="ended", record_public=True
    )
    question = WrittenQuestion.objects.create(
        session=session, member=make_member("ines@example.org"), text="Step-free entrance?", publish=True
    )
    item = published_item_from(document, question, sam)

    record = Client().get(consultation.url_for("session_record", session.pk)).content.decode()
    assert f'<a href="{item.get_absolute_url()}">You said, we did: {document.title}</a>: Done' in record


def test_the_harvest_output_asks_for_what_happened_once_however_many_contributions(document, sam):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from events.models import Contribution, HarvestPublication
    from tests.events.factories import make_world_cafe

    cafe = make_world_cafe()
    HarvestPublication.objects.create(page=cafe)
    table, first_round = cafe.ordered_tables()[0], cafe.ordered_rounds()[0]

    def output_queries(contributions):
        for n in range(contributions):
            contribution = Contribution.objects.create(
                page=cafe, table=table, round=first_round, text=f"Point {n}", question=first_round.question
            )
            published_item_from(document, contribution, sam)
        with CaptureQueriesContext(connection) as queries:
            html = Client().get(cafe.url_for("harvest_output")).content.decode()
        assert html.count("You said, we did:") == Contribution.objects.count()
        return len(queries)

    output_queries(0)  # the first request fills the site's caches
    assert output_queries(1) == output_queries(6)


def test_a_session_record_asks_for_what_happened_once_however_many_questions(document, sam, make_member):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from coproduction.live.models import WrittenQuestion
    from tests.factories import make_live_session

    consultation = make_consultation()
    session = make_live_session(
        consultation, make_member("chair@example.org"), state="ended", record_public=True
    )
    asker = make_member("ines@example.org")

    def record_queries(questions):
        for n in range(questions):
            question = WrittenQuestion.objects.create(
                session=session, member=asker, text=f"Q{n}", publish=True
            )
            published_item_from(document, question, sam)
        with CaptureQueriesContext(connection) as queries:
            html = Client().get(consultation.url_for("session_record", session.pk)).content.decode()
        assert html.count("You said, we did:") == WrittenQuestion.objects.count()
        return len(queries)

    record_queries(0)  # the first request fills the site's caches
    assert record_queries(1) == record_queries(6)
