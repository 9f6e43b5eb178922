"""World Café harvest: hosts add to their own table only, with provenance; themes, tagging,
publishing and the CSV; bad input stores nothing."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from wagtail.images import get_image_model

from events.models import CafeTheme, Contribution, HarvestPublication
from home.sources import find_sources
from tests.events.factories import make_world_cafe, make_world_cafe_with_a_contribution
from tests.factories import signed_in

pytestmark = pytest.mark.django_db


def png_bytes():
    import PIL.Image

    buffer = io.BytesIO()
    PIL.Image.new("RGB", (40, 30), (200, 180, 40)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def cafe_with_hosts(make_member):
    hosts = [make_member(f"host{n}@example.org", display_name=f"Host {n}") for n in range(3)]
    return make_world_cafe(hosts=hosts), hosts


def contribution_data(cafe, table=0, round=0, **extra):
    return {
        "table": cafe.ordered_tables()[table].pk,
        "round": cafe.ordered_rounds()[round].pk,
        "text": "Papers come too late to read.",
        **extra,
    }


def test_a_host_adds_to_their_own_table_with_provenance_kept(cafe_with_hosts):
    cafe, hosts = cafe_with_hosts
    client = signed_in(hosts[1])

    response = client.post(cafe.url_for("add_contribution"), contribution_data(cafe, table=1, round=2))

    assert response.status_code == 302
    contribution = Contribution.objects.get()
    table, cafe_round = cafe.ordered_tables()[1], cafe.ordered_rounds()[2]
    assert (contribution.table, contribution.round, contribution.recorded_by) == (table, cafe_round, hosts[1])
    assert contribution.question == "What should the Board do first?"
    assert contribution.source == "table" and contribution.recorded_at is not None
    assert "Added to Table 2, round 3" in client.get(response["Location"]).content.decode()


def test_a_host_cannot_add_to_another_table(cafe_with_hosts):
    cafe, hosts = cafe_with_hosts
    response = signed_in(hosts[0]).post(cafe.url_for("add_contribution"), contribution_data(cafe, table=2))
    assert "You can add contributions for your own table only" in response.content.decode()
    assert not Contribution.objects.exists()


def test_a_member_who_hosts_no_table_is_refused(cafe_with_hosts, make_member):
    cafe, _hosts = cafe_with_hosts
    client = signed_in(make_member("guest@example.org"))
    assert client.get(cafe.url_for("add_contribution")).status_code == 403
    assert client.post(cafe.url_for("add_contribution"), contribution_data(cafe)).status_code == 403
    assert not Contribution.objects.exists()


def test_a_facilitator_adds_to_any_table(cafe_with_hosts, make_member):
    cafe, _hosts = cafe_with_hosts
    facilitator = make_member("facilitator@example.org", groups=["Facilitators"])
    response = signed_in(facilitator).post(cafe.url_for("add_contribution"), contribution_data(cafe, table=2))
    assert response.status_code == 302
    assert Contribution.objects.get().recorded_by == facilitator


def test_a_table_or_round_from_another_world_cafe_is_refused(cafe_with_hosts, make_member):
    cafe, hosts = cafe_with_hosts
    other = make_world_cafe(title="Another World Café", hosts=[hosts[0]])
    facilitator = signed_in(make_member("facilitator@example.org", groups=["Facilitators"]))

    wrong_table = facilitator.post(
        cafe.url_for("add_contribution"), {**contribution_data(cafe), "table": other.ordered_tables()[0].pk}
    )
    wrong_round = facilitator.post(
        cafe.url_for("add_contribution"), {**contribution_data(cafe), "round": other.ordered_rounds()[0].pk}
    )

    assert "Choose a table at this World Café" in wrong_table.content.decode()
    assert "Choose a round of this World Café" in wrong_round.content.decode()
    assert not Contribution.objects.exists()


def test_a_photo_needs_a_description_and_is_kept_with_it(cafe_with_hosts):
    cafe, hosts = cafe_with_hosts
    client = signed_in(hosts[0])
    photo = SimpleUploadedFile("paper.png", png_bytes(), content_type="image/png")

    refused = client.post(cafe.url_for("add_contribution"), {**contribution_data(cafe), "photo": photo})
    assert "Say what the photo shows, or type out what is on the paper" in refused.content.decode()
    assert not Contribution.objects.exists() and not get_image_model().objects.exists()

    photo = SimpleUploadedFile("paper.png", png_bytes(), content_type="image/png")
    data = {**contribution_data(cafe), "photo": photo, "photo_alt_text": "A sheet with three sticky notes."}
    assert client.post(cafe.url_for("add_contribution"), data).status_code == 302
    contribution = Contribution.objects.get()
    assert (
        contribution.photo is not None and contribution.photo_alt_text == "A sheet with three sticky notes."
    )


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (("notes.png", b"this is not a picture"), "The photo is not a picture we can read"),
        (("paper.png", b"\x89PNG\r\n\x1a\n" + b"\0" * (50 * 1024 * 1024)), "too big"),
    ],
    ids=["not an image", "50 MB"],
)
def test_a_photo_that_is_not_an_image_or_is_too_big_is_refused(cafe_with_hosts, upload, message):
    cafe, hosts = cafe_with_hosts
    photo = SimpleUploadedFile(*upload, content_type="image/png")
    data = {**contribution_data(cafe), "photo": photo, "photo_alt_text": "A sheet of paper."}

    response = signed_in(hosts[0]).post(cafe.url_for("add_contribution"), data)

    assert response.status_code == 200 and message in response.content.decode()
    assert not Contribution.objects.exists() and not get_image_model().objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Papers\x00late", "Remove the invisible control character"),
        ("x" * 100_000, "must be 2,000 characters or fewer"),
    ],
    ids=["NUL", "100,000 characters"],
)
def test_bad_text_is_refused_with_a_clear_message(cafe_with_hosts, text, message):
    cafe, hosts = cafe_with_hosts
    response = signed_in(hosts[0]).post(
        cafe.url_for("add_contribution"), {**contribution_data(cafe), "text": text}
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert not Contribution.objects.exists()


def test_facilitators_make_themes_tag_contributions_and_publish(cafe_with_hosts, make_member):
    cafe, hosts = cafe_with_hosts
    signed_in(hosts[0]).post(cafe.url_for("add_contribution"), contribution_data(cafe))
    contribution = Contribution.objects.get()
    facilitator = signed_in(make_member("facilitator@example.org", groups=["Facilitators"]))

    for name in ("Papers people can read", "Hearing back"):
        assert facilitator.post(cafe.url_for("themes"), {"name": name}).status_code == 302
    duplicate = facilitator.post(cafe.url_for("themes"), {"name": "hearing back"})
    assert "There is already a theme called" in duplicate.content.decode()
    themes = {t.name: t for t in CafeTheme.objects.filter(page=cafe)}
    response = facilitator.post(
        cafe.url_for("tag_contribution", contribution.pk),
        {f"c{contribution.pk}-themes": [themes["Papers people can read"].pk, themes["Hearing back"].pk]},
    )
    assert response.status_code == 302
    assert set(contribution.themes.values_list("name", flat=True)) == set(themes)

    # Not public until published.
    public = Client()
    assert public.get(cafe.url_for("harvest_output")).status_code == 403
    assert public.get(cafe.url_for("harvest_csv")).status_code == 403
    facilitator.post(cafe.url_for("publish_harvest"), {"action": "publish"})
    output = public.get(cafe.url_for("harvest_output")).content.decode()
    assert "Papers people can read" in output and "Papers come too late to read." in output
    assert "What should the Board do first?" in output
    rows = list(csv.reader(io.StringIO(public.get(cafe.url_for("harvest_csv")).content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Round", "Question", "Table", "Contribution", "Themes"]
    assert rows[1][:5] == [
        "1",
        "What gets in the way?",
        "Table 1",
        "Papers come too late to read.",
        "Hearing back; Papers people can read",
    ]
    facilitator.post(cafe.url_for("publish_harvest"), {"action": "unpublish"})
    assert public.get(cafe.url_for("harvest_output")).status_code == 403


def test_a_theme_of_another_world_cafe_cannot_be_tagged(cafe_with_hosts, make_member):
    cafe, hosts = cafe_with_hosts
    other = make_world_cafe(title="Another World Café")
    foreign = CafeTheme.objects.create(page=other, name="Elsewhere")
    signed_in(hosts[0]).post(cafe.url_for("add_contribution"), contribution_data(cafe))
    contribution = Contribution.objects.get()
    facilitator = signed_in(make_member("facilitator@example.org", groups=["Facilitators"]))

    response = facilitator.post(
        cafe.url_for("tag_contribution", contribution.pk), {f"c{contribution.pk}-themes": [foreign.pk]}
    )

    assert response.status_code == 200 and "Choose themes of this World Café" in response.content.decode()
    assert not contribution.themes.exists()


def test_hosts_and_members_cannot_tag_or_publish(cafe_with_hosts):
    cafe, hosts = cafe_with_hosts
    client = signed_in(hosts[0])
    assert client.get(cafe.url_for("themes")).status_code == 403
    assert client.post(cafe.url_for("publish_harvest"), {"action": "publish"}).status_code == 403
    assert not cafe.harvest_is_published()


def test_contributions_and_themes_are_sources_of_you_said_items(cafe_with_hosts):
    from home.sources import source_for

    cafe, hosts = cafe_with_hosts
    signed_in(hosts[0]).post(cafe.url_for("add_contribution"), contribution_data(cafe))
    theme = CafeTheme.objects.create(page=cafe, name="Papers people can read")
    contribution = Contribution.objects.get()

    assert source_for(contribution).label == "World Café contribution"
    assert source_for(contribution).url == f"{cafe.url_for('harvest_output')}#contribution-{contribution.pk}"
    assert source_for(theme).title == "Papers people can read"
    HarvestPublication.objects.create(page=cafe, published_by=hosts[0])
    assert {s.label for s in find_sources("papers")} >= {"World Café contribution", "World Café theme"}


def test_only_contributions_and_themes_of_a_published_harvest_are_offered_as_sources(make_member):
    host = make_member("host@example.org")
    cafe = make_world_cafe_with_a_contribution(host, text="Papers came late")
    CafeTheme.objects.create(page=cafe, name="Papers on time")

    assert find_sources("Papers") == []

    HarvestPublication.objects.create(page=cafe, published_by=host)
    offered = find_sources("Papers")

    assert sorted(source.title for source in offered) == ["Papers came late", "Papers on time"]
    assert all(Client().get(source.url.split("#")[0]).status_code == 200 for source in offered)
