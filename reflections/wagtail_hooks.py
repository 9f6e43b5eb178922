"""Wagtail admin: advisory groups and their members; the home page's "You said, we did" section."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.sections import HOME_SECTION_HOOK, HomeSection

from .models import AdvisoryGroup, ReflectionDocumentPage


class AdvisoryGroupViewSet(SnippetViewSet):
    """The groups that keep reflection documents, and who is in each (and who leads it)."""

    model = AdvisoryGroup
    icon = "group"
    menu_label = _("Advisory groups")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name"]


register_snippet(AdvisoryGroupViewSet)


@hooks.register(HOME_SECTION_HOOK, order=400)
def reflection_documents_section(home_page, request):
    """The published living documents under the home page."""
    documents = ReflectionDocumentPage.objects.live().public().descendant_of(home_page).order_by("title")
    return HomeSection(_("You said, we did"), documents)
