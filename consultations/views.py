"""The consultation page, its results and asking for other formats. Routed from
ConsultationPage; the answering journey is in `answering.py`, moderation in `analysis.py`."""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from coproduction.common.ratelimit import allow, client_address
from home.sources import prefetch_source_links

from . import services
from .export import export_links_context
from .forms import FormatRequestForm
from .models.pages import Status
from .respondents import respondent_for
from .subpages import easy_read_first, render_subpage


def consultation_page(request, page):
    """The consultation itself: what is asked, how to answer, live sessions and results."""
    respondent = respondent_for(request, page) if request.user.is_authenticated else None
    response = respondent.response(page) if respondent else None
    return render_subpage(
        request,
        page,
        "consultations/consultation_page.html",
        {
            "easy_read_first": easy_read_first(request),
            "my_response": response,
            "submitted_count": services.submitted_count(page)
            if page.status() == Status.REPORTED_BACK
            else None,
            "themes": themes_and_what_happened(request, page)
            if page.status() == Status.REPORTED_BACK
            else None,
            "can_see_results": can_see_results(request.user, page),
            "live_sessions": page.live_sessions.all(),
        },
    )


def themes_and_what_happened(request, page):
    """The themes with their counts; what became of each is asked of the apps once for them all."""
    themes = list(services.theme_counts(page))
    for theme in themes:
        theme.consultation = page  # their links are the page's: no query each
    prefetch_source_links(request, themes)
    return themes


def can_see_results(user, page):
    """Everyone once the board publishes them; before that, people allowed live counts."""
    return page.results_published or user.has_perm("consultations.view_live_results")


def results(request, page):
    """Counts, charts and published words for each question, and the themes."""
    if not can_see_results(request.user, page):
        return render_subpage(
            request,
            page,
            "consultations/results_not_published.html",
            {},
            status=403,
            subpage_title=_("Results"),
        )
    return render_subpage(
        request,
        page,
        "consultations/results.html",
        {
            "results": services.question_results(page),
            "themes": themes_and_what_happened(request, page),
            "submitted_count": services.submitted_count(page),
            "live": page.status() == Status.OPEN,
            **export_links_context(request.user, page),
        },
        subpage_title=_("Results"),
    )


def other_formats(request, page):
    """Ask for the consultation in another format; the request reaches the board's contact."""
    form = FormatRequestForm(request.POST or None)
    if request.method == "POST":
        if not allow(f"format-requests:{client_address(request)}", 10, 3600):
            form.is_valid()
            form.add_error(None, _("Too many requests have come from your connection. Try again in an hour."))
        elif form.is_valid():
            format_request = form.save(commit=False)
            format_request.page = page
            format_request.save()
            body = render_to_string(
                "consultations/email/format_request.txt",
                {"page": page, "request": format_request, "page_url": request.build_absolute_uri(page.url)},
            )
            send_mail(
                _("Format request: %(title)s") % {"title": page.title}, body, None, [page.board.contact_email]
            )
            return render_subpage(
                request,
                page,
                "consultations/format_request_sent.html",
                {"format_request": format_request},
                subpage_title=_("Request sent"),
            )
    return render_subpage(
        request, page, "consultations/other_formats.html", {"form": form}, subpage_title=_("Other formats")
    )
