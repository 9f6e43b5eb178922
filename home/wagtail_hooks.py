"""Home's own contribution to the home page: the pages in the site's menu, last."""

from django.utils.translation import gettext as _
from wagtail import hooks

from .sections import HOME_SECTION_HOOK, HomeSection


@hooks.register(HOME_SECTION_HOOK, order=900)
def pages_in_the_menu(home_page, request):
    """The "Find out more" section: the home page's children shown in menus."""
    return HomeSection(_("Find out more"), home_page.get_children().live().public().in_menu().specific())
