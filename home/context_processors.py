"""Template context shared by every page: display preferences and navigation."""

from wagtail.models import Site

from coproduction.members.preferences import preferences_for

from .models import OrganisationSettings
from .preferences import page_to_return_to


def display_preferences(request):
    """The person's display preferences, and the page the header's preferences link returns to."""
    prefs = preferences_for(request)
    return {
        "display_preferences": prefs,
        "html_class": prefs.html_classes(),
        "display_preferences_next": page_to_return_to(request, request.get_full_path()),
    }


def navigation(request):
    """The main menu (the home page's children shown in menus) and the footer links."""
    site = Site.find_for_request(request)
    if site is None:
        return {"site_menu": [], "footer_links": []}
    menu = site.root_page.get_children().live().public().in_menu()
    footer = []
    statement = OrganisationSettings.for_site(site).accessibility_statement
    if statement is not None and statement.live:
        footer.append(statement)
    return {"site_menu": list(menu), "footer_links": footer}
