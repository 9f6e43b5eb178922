"""Wagtail admin: export buttons and the audio version action on consultation pages; the home
page's "Open consultations" section; themes as sources of "you said" items."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from coproduction.live.panels import LIVE_PANEL_HOOK
from home.sections import HOME_SECTION_HOOK, HomeSection
from home.sources import register_source

from .export import export_responses
from .models import AgendaQuestion, AudioVersion, ConsultationPage, Response, Theme


def make_audio_version(request, page_id):
    """The page's audio version: its status ("being made", ready or failed) and a button to make one.

    Making one only queues it; the background worker makes it, and this page shows when.
    """
    page = get_object_or_404(ConsultationPage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if request.method == "POST":
        from .audio import request_audio_version

        request_audio_version(page)
        message = _("An audio version of \u201c%(title)s\u201d is being made from its summary.")
        messages.success(request, message % {"title": page.title})
        return redirect("consultations_make_audio", page.pk)
    audio = AudioVersion.objects.filter(page=page).select_related("document").first()
    return TemplateResponse(request, "consultations/admin/make_audio.html", {"page": page, "audio": audio})


@hooks.register("register_admin_urls")
def consultation_admin_urls():
    return [
        path(
            "consultations/<int:page_id>/export.<str:file_format>",
            export_responses,
            name="consultations_export",
        ),
        path("consultations/<int:page_id>/audio/", make_audio_version, name="consultations_make_audio"),
    ]


def consultation_buttons(page, user):
    """Export (for those allowed) and "make audio version" (for editors of the page)."""
    if not isinstance(page.specific_deferred, ConsultationPage):
        return
    if user.has_perm("consultations.export_responses"):
        for file_format in ("csv", "xlsx"):
            url = reverse("consultations_export", args=[page.pk, file_format])
            yield Button(f"Export responses ({file_format.upper()})", url, priority=80)
    if page.permissions_for_user(user).can_edit():
        yield Button("Make audio version", reverse("consultations_make_audio", args=[page.pk]), priority=85)


@hooks.register("register_page_listing_more_buttons")
def consultation_listing_buttons(page, user, next_url=None):
    yield from consultation_buttons(page, user)


@hooks.register("register_page_header_buttons")
def consultation_header_buttons(page, user, view_name=None, next_url=None):
    yield from consultation_buttons(page, user)


class AgendaQuestionViewSet(SnippetViewSet):
    """Which agenda item of a live session is about which question of a consultation."""

    model = AgendaQuestion
    icon = "help"
    menu_label = _lazy("Agenda questions")
    add_to_admin_menu = False
    list_display = ["agenda_item", "question"]


register_snippet(AgendaQuestionViewSet)


@hooks.register(HOME_SECTION_HOOK, order=200)
def open_consultations_section(home_page, request):
    """The home page's "Open consultations": those open now under it, closing soonest first."""
    pages = ConsultationPage.objects.live().public().descendant_of(home_page).order_by("closes_at")
    return HomeSection(_("Open consultations"), [page for page in pages if page.is_open()])


def theme_results_url(theme):
    """Where people read a theme: the themes on its consultation's results page."""
    page = theme.consultation
    return f"{page.url}{page.reverse_subpage('results')}#themes-heading"


# A theme found in what people wrote can become a "you said" item in a reflection document.
def theme_people(theme):
    """Members whose sent answers are in the theme and who said their words may be published."""
    responses = Response.objects.filter(
        answers__themes=theme, answers__is_sent=True, publish_consent=True, submitted_at__isnull=False
    )
    return get_user_model().objects.filter(is_active=True, consultation_responses__in=responses).distinct()


register_source(
    Theme,
    label=_lazy("Consultation theme"),
    title=lambda theme: theme.name,
    url=theme_results_url,
    search=lambda query: Theme.objects.filter(name__icontains=query).select_related("consultation"),
    people=theme_people,
)


@hooks.register(LIVE_PANEL_HOOK)
def live_poll_panel(request, session, role, refused):
    """The live poll section of a live session's pages, on sessions hosted by a consultation."""
    from .live_poll_panel import render_poll_panel

    return render_poll_panel(request, session, role, refused)
