"""The consultations index page lists its consultations, as the page and anyone else asks."""

import pytest

from tests.factories import consultations_index, make_board, make_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultations(db):
    """Three consultations: open, closed and not open yet, two of them from one board."""
    transport = make_board("Transport Forum", "transport")
    return {
        "open": make_consultation("Getting to appointments", opens=-7, closes=7),
        "closed": make_consultation("Day centres", opens=-30, closes=-2, board=transport),
        "upcoming": make_consultation("Short breaks", opens=3, closes=30, board=transport),
    }


def titles(pages):
    return [page.title for page in pages]


def test_the_index_lists_every_consultation_latest_closing_first(consultations):
    assert titles(consultations_index().get_consultations()) == [
        "Short breaks",
        "Getting to appointments",
        "Day centres",
    ]


def test_the_index_lists_only_the_open_consultations_when_asked_for_open(consultations):
    assert titles(consultations_index().get_consultations(status="open")) == ["Getting to appointments"]


def test_the_index_lists_one_boards_consultations(consultations):
    assert titles(consultations_index().get_consultations(board="transport")) == [
        "Short breaks",
        "Day centres",
    ]


def test_the_index_ignores_a_status_it_does_not_know(consultations):
    assert len(consultations_index().get_consultations(status="nonsense")) == 3
