"""The home page's sections come from the apps' hooks; the home page knows no app."""

import pytest
from wagtail import hooks

from home.models import StandardPage
from home.sections import HOME_SECTION_HOOK, HomeSection
from tests.factories import make_consultation, make_home_page

pytestmark = pytest.mark.django_db


def add_page(title="About us", slug="about-us", show_in_menus=True):
    home = make_home_page()
    page = StandardPage(title=title, slug=slug, show_in_menus=show_in_menus)
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def newsletters_section(home_page, request):
    return HomeSection("Our newsletters", list(StandardPage.objects.filter(slug="newsletters")))


def test_open_consultations_come_before_the_pages_in_the_menu(client):
    add_page()
    make_consultation("Bus passes", opens=-2, closes=9)
    html = client.get("/").content.decode()
    assert html.index("Open consultations") < html.index("Bus passes") < html.index("Find out more")


def test_a_section_registered_from_a_hook_appears_on_the_home_page(client):
    add_page("Spring newsletter", "newsletters", show_in_menus=False)
    with hooks.register_temporarily(HOME_SECTION_HOOK, newsletters_section, order=500):
        html = client.get("/").content.decode()
    start = html.index(">Our newsletters</h2>")
    section = html[start : html.index("</section>", start)]
    assert '<a href="/newsletters/">Spring newsletter</a>' in section


def test_a_sections_order_places_it_among_the_others(client):
    add_page()
    add_page("Spring newsletter", "newsletters", show_in_menus=False)
    make_consultation("Bus passes", opens=-2, closes=9)
    with hooks.register_temporarily(HOME_SECTION_HOOK, newsletters_section, order=100):
        html = client.get("/").content.decode()
    headings = ["Our newsletters", "Open consultations", "Find out more"]
    assert sorted(headings, key=lambda heading: html.index(f">{heading}</h2>")) == headings


def test_a_registered_section_with_nothing_in_it_is_not_shown(client):
    make_home_page()
    with hooks.register_temporarily(HOME_SECTION_HOOK, newsletters_section, order=500):
        html = client.get("/").content.decode()
    assert "Our newsletters" not in html
