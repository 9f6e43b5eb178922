"""Sources of "you said" items: registered by content type, found, resolved and searched."""

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail import hooks

from consultations.models import Board, Theme
from home.models import StandardPage
from home.sources import SOURCE_HOOK, SourceKind, find_sources, resolve, source_for, source_kinds
from tests.factories import make_consultation, make_home_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme():
    page = make_consultation("Taking part in meetings")
    return Theme.objects.create(consultation=page, name="Transport to meetings")


def theme_content_type_id():
    return ContentType.objects.get_for_model(Theme).pk


def standard_pages_as_sources():
    return SourceKind(
        model=StandardPage,
        label="Page",
        title=lambda page: page.title,
        url=lambda page: page.url,
        search=lambda query: StandardPage.objects.filter(title__icontains=query),
    )


def test_consultation_themes_are_registered_as_sources():
    assert source_kinds()[theme_content_type_id()].label == "Consultation theme"


def test_a_theme_as_a_source_has_its_name_and_a_link_to_the_themes_on_the_results_page(theme):
    source = source_for(theme)
    assert (source.title, source.url) == (
        "Transport to meetings",
        "/consultations/taking-part-in-meetings/results/#themes-heading",
    )


def test_a_source_carries_the_content_type_and_id_to_store(theme):
    source = source_for(theme)
    assert (source.content_type_id, source.object_id) == (theme_content_type_id(), theme.pk)


def test_an_object_of_a_kind_nobody_registered_is_no_source():
    board = Board.objects.create(name="Riverside Board", slug="riverside", remit="Health")
    assert source_for(board) is None


def test_resolve_finds_a_theme_by_its_content_type_and_id(theme):
    assert resolve(theme_content_type_id(), theme.pk).obj == theme


def test_resolve_gives_none_for_an_id_no_theme_has(theme):
    assert resolve(theme_content_type_id(), theme.pk + 1000) is None


def test_resolve_gives_none_for_a_content_type_that_is_no_source(theme):
    board = Board.objects.create(name="Riverside Board", slug="riverside", remit="Health")
    assert resolve(ContentType.objects.get_for_model(Board).pk, board.pk) is None


def test_resolve_gives_none_for_ids_that_are_not_numbers(theme):
    assert resolve(str(theme_content_type_id()), "1; drop") is None


def test_find_sources_matches_part_of_a_theme_name(theme):
    Theme.objects.create(consultation=theme.consultation, name="Papers in easy read")
    assert [source.title for source in find_sources("transport")] == ["Transport to meetings"]


def test_find_sources_finds_nothing_for_blank_words(theme):
    assert find_sources("   ") == []


def test_a_kind_registered_from_a_hook_is_found_by_its_content_type():
    home = make_home_page()
    page = StandardPage(title="Members' forum notes", slug="forum-notes")
    home.add_child(instance=page)
    with hooks.register_temporarily(SOURCE_HOOK, standard_pages_as_sources):
        found = resolve(ContentType.objects.get_for_model(StandardPage).pk, page.pk)
    assert (found.label, found.title) == ("Page", "Members' forum notes")
