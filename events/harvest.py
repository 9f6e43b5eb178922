"""World Café: the page, harvest entry for table hosts, themes and tagging, and the published output.

Hosts add contributions for their own table; people holding `events.manage_harvest`
(Facilitators) may add for any table, make themes, tag contributions and publish.
"""

import csv
from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from home.sources import prefetch_source_links

from .forms import ContributionForm, TagForm, ThemeForm
from .models import CafeTheme, Contribution, ContributionSource, HarvestPublication, RemoteContribution
from .rendering import not_allowed, render_subpage

MANAGE = "events.manage_harvest"


def tables_for(user, page):
    """The tables this person may add contributions for: their own, or all for facilitators."""
    if not user.is_authenticated:
        return []
    tables = page.ordered_tables()
    if user.has_perm(MANAGE):
        return tables
    return [table for table in tables if table.host_id == user.pk]


def may_read_output(user, page):
    return page.harvest_is_published() or user.has_perm(MANAGE)


def world_cafe(request, page):
    """The rounds and their questions, the tables and hosts, and how it works in plain and easy read words."""
    from coproduction.live.models import SessionState
    from coproduction.live.services import role_for

    from .remote_seats import cafe_session

    # Once the live session has ended its pages still open: hosts decide what is waiting,
    # and members see what became of what they sent.
    session = cafe_session(page, ended_too=True) if request.user.is_authenticated else None
    ended = session is not None and session.state == SessionState.ENDED
    my_tables = tables_for(request.user, page)
    sent = RemoteContribution.objects.filter(table__page=page)
    return render_subpage(
        request,
        page,
        "events/world_cafe_page.html",
        {
            "rounds": page.ordered_rounds(),
            "tables": page.ordered_tables(),
            "my_tables": my_tables,
            "can_manage": request.user.has_perm(MANAGE),
            "remote_session": session,
            "remote_ended": ended,
            "may_take_seat": session is not None
            and not ended
            and role_for(session.pk, request.user) is not None,
            "sent_here": ended and sent.filter(member=request.user).exists(),
            "still_waiting": sent.filter(
                table__in=my_tables, accepted_at__isnull=True, declined_at__isnull=True
            ).count()
            if ended and my_tables
            else 0,
            "published": page.harvest_is_published(),
            "easy_read_lines": [line for line in page.easy_read_instructions.splitlines() if line.strip()],
        },
    )


def store_contribution(
    page,
    *,
    table,
    round,
    text,
    recorded_by,
    photo_file=None,
    photo_alt_text="",
    source=ContributionSource.TABLE,
    sent_by=None,
    sent_at=None,
):
    """Add a contribution to the harvest with its provenance, and its photo as an image,
    together or not at all. The question is copied as it was asked in that round.

    Both ways in use it: the host's form (`_store`) and a host accepting what a remote
    seat sent (events/live_actions.py, with `source=REMOTE` and who sent it, when).
    """
    with transaction.atomic():
        photo = None
        if photo_file:
            photo = get_image_model()(
                title=_("%(table)s, round %(number)s: the table's paper")
                % {"table": table.name, "number": round.number},
                file=photo_file,
                uploaded_by_user=recorded_by,
            )
            photo.save()
        return Contribution.objects.create(
            page=page,
            table=table,
            round=round,
            question=round.question,
            text=text,
            photo=photo,
            photo_alt_text=photo_alt_text if photo else "",
            recorded_by=recorded_by,
            source=source,
            sent_by=sent_by,
            sent_at=sent_at,
        )


def _store(page, form, user):
    """Save what the host's form holds."""
    data = form.cleaned_data
    return store_contribution(
        page,
        table=data["table"],
        round=data["round"],
        text=data["text"],
        recorded_by=user,
        photo_file=data.get("photo"),
        photo_alt_text=data.get("photo_alt_text", ""),
    )


def add_contribution(request, page):
    """A table host's form, made for a phone: table, round, what was said, and a photo if wanted."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    allowed = tables_for(request.user, page)
    if not allowed:
        return not_allowed(
            request,
            page,
            _(
                "Only table hosts and facilitators can add to the harvest. "
                "Ask a facilitator to name you as a host."
            ),
            _("Add to the harvest"),
        )
    initial = {"table": allowed[0].pk} if len(allowed) == 1 else {}
    last_round = request.GET.get("round")
    if last_round and last_round.isdigit():
        initial["round"] = int(last_round)
    form = ContributionForm(
        *((request.POST, request.FILES) if request.method == "POST" else ()),
        page=page,
        allowed_tables=allowed,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        contribution = _store(page, form, request.user)
        messages.success(
            request,
            _("Added to %(table)s, round %(number)s.")
            % {"table": contribution.table.name, "number": contribution.round.number},
        )
        return redirect(page.url_for("add_contribution") + f"?round={contribution.round_id}")
    recent = (
        Contribution.objects.filter(page=page, recorded_by=request.user)
        .select_related("table", "round")
        .order_by("-recorded_at", "-pk")[:10]
    )
    return render_subpage(
        request,
        page,
        "events/add_contribution.html",
        {"form": form, "recent": recent},
        subpage_title=_("Add to the harvest"),
    )


def themes(request, page):
    """Facilitators make themes and tag each contribution with the themes it belongs to."""
    if not request.user.has_perm(MANAGE):
        return not_allowed(request, page, _("Only facilitators can make and tag themes."), _("Themes"))
    form = ThemeForm(request.POST if request.method == "POST" else None, page=page)
    if request.method == "POST" and form.is_valid():
        CafeTheme.objects.create(page=page, **form.cleaned_data)
        messages.success(
            request, _("Theme \u201c%(name)s\u201d added.") % {"name": form.cleaned_data["name"]}
        )
        return redirect(page.url_for("themes"))
    contributions = (
        Contribution.objects.filter(page=page)
        .select_related("table", "round", "recorded_by__profile", "photo")
        .prefetch_related("themes")
    )
    page_themes = list(CafeTheme.objects.filter(page=page))
    for each in [*contributions, *page_themes]:
        each.page = page  # their links are the page's: no query each
    prefetch_source_links(request, page_themes + list(contributions))
    return render_subpage(
        request,
        page,
        "events/themes.html",
        {
            "form": form,
            "themes": page_themes,
            "contributions": [
                (
                    c,
                    TagForm(
                        page=page, initial={"themes": [str(t.pk) for t in c.themes.all()]}, prefix=f"c{c.pk}"
                    ),
                )
                for c in contributions
            ],
            "published": page.harvest_is_published(),
        },
        subpage_title=_("Themes"),
    )


def tag_contribution(request, page, contribution_id):
    """Save which themes one contribution belongs to."""
    if not request.user.has_perm(MANAGE):
        return not_allowed(request, page, _("Only facilitators can tag contributions."), _("Themes"))
    contribution = get_object_or_404(Contribution, pk=contribution_id, page=page)
    if request.method != "POST":
        return redirect(page.url_for("themes") + f"#contribution-{contribution.pk}")
    form = TagForm(request.POST, page=page, prefix=f"c{contribution.pk}")
    if not form.is_valid():
        return render_subpage(
            request,
            page,
            "events/tag_contribution.html",
            {"form": form, "contribution": contribution},
            subpage_title=_("Tag a contribution"),
        )
    contribution.themes.set(form.chosen_themes())
    messages.success(request, _("Themes saved."))
    return redirect(page.url_for("themes") + f"#contribution-{contribution.pk}")


def publish_harvest(request, page):
    """Publish the harvest for everyone to read, or take it back."""
    if not request.user.has_perm(MANAGE):
        return not_allowed(request, page, _("Only facilitators can publish the harvest."), _("Publish"))
    if request.method == "POST":
        if request.POST.get("action") == "unpublish":
            HarvestPublication.objects.filter(page=page).delete()
            messages.success(request, _("The harvest is no longer public."))
        else:
            HarvestPublication.objects.get_or_create(page=page, defaults={"published_by": request.user})
            messages.success(request, _("The harvest is published: everyone can read it."))
    return redirect(page.url_for("themes"))


def harvest(page):
    """The output's content: each theme with its contributions and count, and each table's by round."""
    contributions = list(
        Contribution.objects.filter(page=page)
        .select_related("table", "round", "photo")
        .prefetch_related("themes")
    )
    by_theme = defaultdict(list)
    by_table = defaultdict(lambda: defaultdict(list))
    page_themes = list(CafeTheme.objects.filter(page=page))
    for each in [*contributions, *page_themes]:
        each.page = page  # their links are the page's: no query each
    for contribution in contributions:
        for theme in contribution.themes.all():
            by_theme[theme.pk].append(contribution)
        by_table[contribution.table_id][contribution.round_id].append(contribution)
    rounds = page.ordered_rounds()
    return {
        "rounds": rounds,
        "themes": [
            {"theme": theme, "contributions": by_theme[theme.pk], "count": len(by_theme[theme.pk])}
            for theme in sorted(page_themes, key=lambda t: (-len(by_theme[t.pk]), t.name))
        ],
        "tables": [
            {
                "table": table,
                "rounds": [{"round": r, "contributions": by_table[table.pk][r.pk]} for r in rounds],
            }
            for table in page.ordered_tables()
        ],
        "contribution_count": len(contributions),
    }


def harvest_output(request, page):
    """What the World Café heard: questions, themes with contributions and counts, and each table."""
    if not may_read_output(request.user, page):
        return not_allowed(
            request,
            page,
            _("The harvest is not published yet. The facilitators will publish it after the event."),
            _("What we heard"),
        )
    content = harvest(page)
    # What became of each theme and contribution, asked of the apps once for the whole page.
    prefetch_source_links(
        request,
        [item["theme"] for item in content["themes"]]
        + [c for item in content["tables"] for entry in item["rounds"] for c in entry["contributions"]],
    )
    return render_subpage(
        request,
        page,
        "events/harvest_output.html",
        {**content, "published": page.harvest_is_published()},
        subpage_title=_("What we heard"),
    )


def harvest_csv(request, page):
    """Every contribution with its round, question, table and themes."""
    if not may_read_output(request.user, page):
        return not_allowed(request, page, _("The harvest is not published yet."), _("What we heard"))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}-harvest.csv"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        ["Round", "Question", "Table", "Contribution", "Themes", "Photo description", "Recorded at", "How"]
    )
    contributions = (
        Contribution.objects.filter(page=page).select_related("table", "round").prefetch_related("themes")
    )
    for c in contributions:
        row = [
            c.round.number,
            c.question,
            c.table.name,
            c.text,
            "; ".join(t.name for t in c.themes.all()),
            c.photo_alt_text,
            c.recorded_at.isoformat(),
            c.get_source_display(),
        ]
        writer.writerow([("'" + str(v)) if str(v)[:1] in ("=", "+", "-", "@") else v for v in row])
    return response
