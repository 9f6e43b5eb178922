"""Wagtail admin: venues and topics; the home page's "What's on"; World Café contributions and
themes as sources of "you said" items; the permission to see access requirements."""

from django.contrib import messages
from django.contrib.auth.models import Permission
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.sections import HOME_SECTION_HOOK, HomeSection
from home.sources import register_source

from .models import CafeTheme, Contribution, EventPage, Topic, Venue, WorldCafePage

# How many upcoming events the home page lists.
WHATS_ON_COUNT = 5


class VenueViewSet(SnippetViewSet):
    """Organisers keep the venues and the access facts about each."""

    model = Venue
    icon = "site"
    menu_label = "Venues"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "address"]


class TopicViewSet(SnippetViewSet):
    """What events can be about, for filtering the list of events."""

    model = Topic
    icon = "tag"
    menu_label = "Event topics"
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["name", "slug"]


register_snippet(VenueViewSet)
register_snippet(TopicViewSet)


@hooks.register("register_permissions")
def events_permissions():
    """Lets an administrator give the events' own permissions to a group."""
    return Permission.objects.filter(
        content_type__app_label="events",
        codename__in=["manage_attendees", "view_access_requirements", "manage_harvest"],
    )


@hooks.register(HOME_SECTION_HOOK, order=100)
def whats_on_section(home_page, request):
    """The home page's "What's on": the next events under it, soonest first."""
    pages = (
        EventPage.objects.live()
        .public()
        .descendant_of(home_page)
        .filter(ends_at__gt=timezone.now())
        .order_by("starts_at")[:WHATS_ON_COUNT]
    )
    return HomeSection(_("What\u2019s on"), pages)


def contribution_url(contribution):
    page = contribution.page
    return f"{page.url_for('harvest_output')}#contribution-{contribution.pk}"


def theme_url(theme):
    page = theme.page
    return f"{page.url_for('harvest_output')}#theme-{theme.pk}"


def published_harvests():
    """World Cafés whose harvest anyone may read: a live, public page with its harvest published.
    Only these are offered as sources, so a source's link never leads to a refusal."""
    return WorldCafePage.objects.live().public().filter(publication__isnull=False)


# What a World Café table said, and the themes found across the tables, can each become
# a "you said" item in a reflection document.
def contribution_people(contribution):
    """The member who sent it from a remote seat: the words are theirs (a table's are the table's)."""
    original = getattr(contribution, "remote_original", None)
    return [original.member] if original is not None and original.member.is_active else []


register_source(
    Contribution,
    label=_lazy("World Café contribution"),
    title=lambda contribution: (
        contribution.text if len(contribution.text) <= 80 else contribution.text[:79] + "\u2026"
    ),
    url=contribution_url,
    search=lambda query: Contribution.objects.filter(
        text__icontains=query, page__in=published_harvests()
    ).select_related("page"),
    people=contribution_people,
)
register_source(
    CafeTheme,
    label=_lazy("World Café theme"),
    title=lambda theme: theme.name,
    url=theme_url,
    search=lambda query: CafeTheme.objects.filter(
        name__icontains=query, page__in=published_harvests()
    ).select_related("page"),
)


def _harvest_refusal(request, page):
    """Deleting a World Café, or the event it belongs to, would lose the words people gave in
    its harvest: say so, how many, and what to do instead. True if refused."""
    cafes = WorldCafePage.objects.descendant_of(page, inclusive=True)
    count = Contribution.objects.filter(page__in=cafes).count()
    if not count:
        return False
    messages.error(
        request,
        _(
            "“%(title)s” cannot be deleted: its World Café harvest has %(count)s contributions. "
            "Unpublish the page instead to take it off the site; the harvest stays safe."
        )
        % {"title": page.title, "count": count},
    )
    return True


@hooks.register("before_delete_page")
def keep_harvested_contributions(request, page):
    if _harvest_refusal(request, page):
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def keep_harvested_contributions_in_bulk(request, action_type, objects, action_class_instance):
    """The same for pages deleted together from a listing: nothing is deleted if any of them
    holds a harvest, and each one that does is named."""
    if action_type != "delete" or not objects or not isinstance(objects[0], Page):
        return None
    refused = [page for page in objects if _harvest_refusal(request, page)]
    if refused:
        return redirect("wagtailadmin_explore", refused[0].get_parent().pk)
    return None
