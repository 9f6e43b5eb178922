"""Display preferences and site search."""

from dataclasses import asdict

from django.contrib import messages
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from wagtail.models import Page

from coproduction.members.preferences import preferences_for, remember_in_cookie

from .forms import DisplayPreferencesForm, SearchForm
from .preferences import page_to_return_to

SEARCH_RESULTS_PER_PAGE = 10
FAVICON = "home/images/favicon.ico"


def display_preferences(request):
    """Choose how the site looks; kept in a cookie, and on the profile once signed in."""
    if request.method == "POST":
        form = DisplayPreferencesForm(request.POST)
        if form.is_valid():
            prefs = form.preferences()
            profile = getattr(request.user, "profile", None) if request.user.is_authenticated else None
            if profile is not None:
                prefs.save_to_profile(profile)
            next_url = page_to_return_to(request, request.POST.get("next", "")) or request.path
            messages.success(request, _("Your display preferences have been saved."))
            response = redirect(next_url)
            remember_in_cookie(response, prefs)
            return response
    else:
        form = DisplayPreferencesForm(initial=asdict(preferences_for(request)))
    return render(
        request,
        "home/display_preferences.html",
        {
            "form": form,
            "next": page_to_return_to(request, request.GET.get("next", request.POST.get("next", ""))),
        },
    )


def search(request):
    """Search the site's published pages; a search that cannot be run says why."""
    form = SearchForm(request.GET)
    query = ""
    results = Page.objects.none()
    if form.is_valid():
        query = form.cleaned_data["q"]
        if query:
            results = Page.objects.live().public().specific().search(query)
    paginator = Paginator(results, SEARCH_RESULTS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page = paginator.page(1)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    return render(
        request,
        "home/search_results.html",
        {
            "form": form,
            "query": query,
            "results": page,
            "paginator": paginator,
        },
    )


def favicon(request):
    """Browsers ask every site for /favicon.ico: send them to the icon."""
    return redirect(static(FAVICON))
