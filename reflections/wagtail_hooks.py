"""Wagtail admin: advisory groups and their members; the home page's "You said, we did" section."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.sections import HOME_SECTION_HOOK, HomeSection
from home.sources import SOURCE_LINKS_HOOK, SourceLink

from .models import AdvisoryGroup, Item, ReflectionDocumentPage


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
    """The published living documents under the home page, each with its figures in words."""
    from .services import figures_in_words, published_figures

    documents = list(
        ReflectionDocumentPage.objects.live().public().descendant_of(home_page).order_by("title")
    )
    figures = published_figures(documents)
    for document in documents:
        # The home page shows a card's `summary`; for a document, that is its figures.
        document.summary = figures_in_words(figures[document.pk])
    return HomeSection(_("You said, we did"), documents)


@hooks.register(SOURCE_LINKS_HOOK)
def reflection_links(sources, request):
    """On sources' pages: the published items made from each with their status, and "send to reflections"."""
    from django.urls import reverse

    from .views import SEND_PERMISSION, STATUS_LABELS

    wanted = Q()
    for content_type_id in {source.content_type_id for source in sources}:
        ids = [source.object_id for source in sources if source.content_type_id == content_type_id]
        wanted |= Q(source_type_id=content_type_id, source_id__in=ids)
    items = (
        Item.objects.filter(wanted, published=True, document__live=True)
        .prefetch_related("actions")
        .select_related("document")
        .order_by("pk")
    )
    links = {}
    for item in items:
        links.setdefault((item.source_type_id, item.source_id), []).append(
            SourceLink(
                _("You said, we did: %(title)s") % {"title": item.document.title},
                item.get_absolute_url(),
                status=STATUS_LABELS[item.status()],
            )
        )
    user = getattr(request, "user", None)
    if user is not None and user.has_perm(SEND_PERMISSION):
        for source in sources:
            url = reverse("reflections:send_to_reflections", args=[source.content_type_id, source.object_id])
            links.setdefault((source.content_type_id, source.object_id), []).append(
                SourceLink(
                    _("Send “%(title)s” to reflections") % {"title": source.title}, url, is_action=True
                )
            )
    return links
