"""Demo content: the Castlebridge Co-production Advisory Group's living "you said / we did" document,
with three meetings' worth of items and actions, some traced to the closed consultation's themes and
some to the themes of the demo World Café (events.demo runs first and gives its page)."""

import datetime

from django.utils import timezone

from coproduction.members.models import User
from home.sources import find_sources, source_for

from . import services
from .models import (
    Action,
    AdvisoryGroup,
    GroupMembership,
    Meeting,
    ReflectionDocumentPage,
    ReflectionsIndexPage,
)

GROUP = {
    "name": "Castlebridge Co-production Advisory Group",
    "purpose": (
        "Disabled people, carers and staff who meet every two months to shape how the Centre "
        "and the Health and Wellbeing Board involve people."
    ),
}

# A member of the group who is not its lead: two people to try "who else is editing" with.
SECOND_MEMBER = "advisory.member@castlebridge-cil.example"

# (days before today, title, notes)
MEETINGS = [
    (120, "Summer meeting", "Eleven members came; two joined by video with captions."),
    (63, "Autumn meeting", "Nine members came. We looked at the bus consultation's results."),
    (14, "Winter meeting", "Ten members came. We agreed how to report back to the Board."),
]

# Each item: meeting index, what was said, outcome wanted, for whom, audience, and its actions as
# (text, owner, status, due in days from the meeting or None, reason).
ITEMS = [
    (
        0,
        "Papers arrive two days before meetings. "
        "That is not enough time for screen reader users or people who need easy read.",
        "Papers a week before, in the formats people asked for.",
        "Screen reader users and easy read readers",
        "group",
        [
            ("Send papers seven days before each meeting", "Group coordinator", "done", 30, ""),
            ("Ask each member once a year which formats they need", "Group coordinator", "done", 60, ""),
        ],
    ),
    (
        0,
        "The hearing loop in the Centre's main room does not work on the left side.",
        "Everyone who uses a hearing aid can follow the meeting from any seat.",
        "Hearing aid users",
        "leadership",
        [
            ("Get the loop tested and repaired", "Facilities manager", "done", 21, ""),
            ("Check the loop before every meeting", "Group coordinator", "in_progress", 90, ""),
        ],
    ),
    (
        0,
        "We are asked for our views but we never hear what happened to them.",
        "Every meeting starts with what changed since the last one.",
        "The whole group",
        "group",
        [("Keep this living document and review it at every meeting", "Group chair", "done", 14, "")],
    ),
    (
        0,
        "Involvement payments take eight weeks to arrive.",
        "Payments within two weeks of a meeting.",
        "Members on low incomes",
        "leadership",
        [
            ("Agree a two-week payment target with Finance", "Head of Finance", "agreed", 45, ""),
            ("Offer payment by bank transfer as well as voucher", "Head of Finance", "in_progress", 30, ""),
        ],
    ),
    (
        0,
        "Online meetings are tiring when they run over two hours.",
        "Meetings under 90 minutes with a break every 45 minutes.",
        "People with fatigue",
        "group",
        [("Plan agendas to 90 minutes with two breaks", "Group chair", "done", 14, "")],
    ),
    (
        1,
        "The bus consultation said little about people who cannot use the stop at all.",
        "The Board hears from people who have stopped travelling.",
        "People who no longer travel by bus",
        "leadership",
        [
            (
                "Run two phone interviews sessions for people who stopped travelling",
                "Engagement lead",
                "proposed",
                40,
                "",
            ),
            (
                "Add a question on this to the next transport survey",
                "Engagement lead",
                "not_doing",
                None,
                "The survey is run by the regional transport body and its questions are set for this year. "
                "We have asked them to include it next year.",
            ),
        ],
    ),
    (
        1,
        "Shelters at the hospital stop have no seats.",
        "Seats at the three busiest stops near health services.",
        "Older and disabled passengers",
        "project",
        [
            ("Take the request to the Transport Partnership", "Board transport lead", "done", 20, ""),
            ("Report back what the Partnership decides", "Board transport lead", "in_progress", 50, ""),
        ],
    ),
    (
        1,
        "Easy read versions of Board papers use pictures that do not match the words.",
        "Easy read that people with learning disabilities have checked.",
        "People with learning disabilities",
        "leadership",
        [
            (
                "Pay members of the group to check easy read drafts",
                "Communications officer",
                "agreed",
                35,
                "",
            ),
            ("Buy a licence for a tested picture library", "Communications officer", "proposed", 20, ""),
        ],
    ),
    (
        1,
        "BSL users could not ask questions at the last Board meeting "
        "because the interpreter left at the break.",
        "Interpreters booked for the whole meeting, including questions.",
        "Deaf BSL users",
        "leadership",
        [("Book interpreters for the full meeting every time", "Board secretary", "done", 10, "")],
    ),
    (
        1,
        "The website's consultation pages are hard to use with a switch.",
        "Every page works with a switch and keyboard alone.",
        "Switch and keyboard users",
        "project",
        [("Test the pages with two switch users from the group", "Digital lead", "in_progress", 30, "")],
    ),
    (
        2,
        "New members do not know what the group has already done.",
        "A short welcome pack in plain words and easy read.",
        "New members",
        "group",
        [("Write a welcome pack with two members", "Group coordinator", "proposed", 45, "")],
    ),
    (
        2,
        "Quiet room at the Centre is used for storage.",
        "A quiet room that is always free during events.",
        "Autistic people and people with anxiety",
        "leadership",
        [
            ("Clear the quiet room and put up a sign", "Facilities manager", "agreed", 7, ""),
            (
                "Add the quiet room to every event's access information",
                "Events coordinator",
                "proposed",
                30,
                "",
            ),
        ],
    ),
    (
        2,
        "The Board's annual report did not mention the advisory group.",
        "The group's work is credited in the Board's report.",
        "The whole group",
        "leadership",
        [("Ask for a section written by the group in next year's report", "Group chair", "proposed", 60, "")],
    ),
    (
        2,
        "Captions on recorded Board meetings are automatic and full of mistakes.",
        "Checked captions on every recording.",
        "Deaf and hard of hearing people",
        "leadership",
        [
            ("Correct captions before recordings are published", "Communications officer", "agreed", 21, ""),
            ("Publish a transcript beside each recording", "Communications officer", "proposed", 21, ""),
        ],
    ),
    (
        2,
        "Taxis booked for members often cannot take a power chair.",
        "Every booked taxi fits the person's wheelchair.",
        "Wheelchair users",
        "group",
        [
            (
                "Record each member's wheelchair needs with their consent and tell the taxi firm",
                "Group coordinator",
                "in_progress",
                10,
                "",
            )
        ],
    ),
    (
        2,
        "At the World Café people said they give their views and then hear nothing more.",
        "Everyone who took part hears what changed within three months.",
        "People who came to the World Café",
        "leadership",
        [
            ("Email everyone who took part a link to this document", "Engagement lead", "done", 7, ""),
            (
                "Hold a short online catch-up three months after each event",
                "Engagement lead",
                "agreed",
                5,
                "",
            ),
        ],
    ),
    (
        2,
        "Some people will never come to a Board meeting but would talk to us at a coffee morning.",
        "Ways to take part that are not formal meetings.",
        "People who find formal meetings hard",
        "leadership",
        [
            ("Try two coffee mornings in community centres", "Engagement lead", "proposed", 60, ""),
            (
                "Let people send views by voice message",
                "Digital lead",
                "not_doing",
                None,
                "Our phone system cannot keep voice messages safely this year. We will ask again when the "
                "contract is renewed in the spring.",
            ),
        ],
    ),
]

# The items for a named project, by their place in ITEMS.
PROJECTS = {6: "Bus stop improvements", 9: "Website accessibility"}

# Items traced to the demo World Café's themes, by their place in ITEMS: the theme's name.
CAFE_THEMES = {
    11: "Meetings at times and places that work",
    15: "Hearing back",
    16: "Other ways in",
}


def _member(email):
    return User.objects.filter(email=email).first()


def _group(log):
    group, created = AdvisoryGroup.objects.get_or_create(
        name=GROUP["name"], defaults={"purpose": GROUP["purpose"]}
    )
    for email, is_lead in (("advisory@castlebridge-cil.example", True), (SECOND_MEMBER, False)):
        member = _member(email)
        if member and not group.memberships.filter(member=member).exists():
            GroupMembership.objects.create(group=group, member=member, is_lead=is_lead)
    if created:
        log("Created the advisory group.")
    return group


def _document(home, group, log):
    index = ReflectionsIndexPage.objects.child_of(home).filter(slug="you-said-we-did").first()
    if index is None:
        index = ReflectionsIndexPage(
            title="You said, we did",
            slug="you-said-we-did",
            show_in_menus=True,
            intro="<p>What people told us, and what we did about it. The advisory group keeps it.</p>",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    document = ReflectionDocumentPage.objects.child_of(index).filter(slug="advisory-group").first()
    if document is not None:
        return document, False
    today = timezone.localdate()
    document = ReflectionDocumentPage(
        title="Advisory group: you said, we did",
        slug="advisory-group",
        group=group,
        purpose=(
            "<p>Everything the Co-production Advisory Group has raised since the summer, and what the Centre "
            "and the Board did about each one. We review it at every meeting.</p>"
        ),
    )
    for days, title, notes in MEETINGS:
        document.meetings.add(Meeting(date=today - datetime.timedelta(days=days), title=title, notes=notes))
    index.add_child(instance=document)
    document.save_revision().publish()
    log("Created the advisory group's living document.")
    return ReflectionDocumentPage.objects.get(pk=document.pk), True


def _at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(14, 0)))


def _cafe_sources(world_cafe):
    """The World Café's themes as sources, by name; none when events.demo did not run."""
    if world_cafe is None:
        return {}
    return {theme.name: source_for(theme) for theme in world_cafe.themes.all()}


def _items(document, log, world_cafe=None):
    lead = _member("advisory@castlebridge-cil.example")
    meetings = list(document.meetings.order_by("date"))
    themes = find_sources("bus") + find_sources("transport")  # the closed consultation's themes
    cafe = _cafe_sources(world_cafe)
    for n, (meeting_index, said, outcome, for_whom, audience, actions) in enumerate(ITEMS):
        meeting = meetings[meeting_index]
        source = themes[n % len(themes)] if themes and 5 <= n <= 6 else cafe.get(CAFE_THEMES.get(n))
        item = services.create_item(
            document,
            {
                "you_said": said,
                "said_on": meeting.date,
                "meeting": meeting,
                "outcome_wanted": outcome,
                "outcome_for": for_whom,
                "audience": audience,
                "project": PROJECTS.get(n, ""),
                "published": True,
            },
            by=lead,
            source=source,
        )
        item.changes.update(changed_at=_at(meeting.date))
        for days_after, (text, owner, status, due, reason) in enumerate(actions, start=3):
            action = services.create_action(
                item,
                {
                    "text": text,
                    "owner": owner,
                    "status": status,
                    "due_date": meeting.date + datetime.timedelta(days=due) if due else None,
                    "reason": reason,
                },
                by=lead,
            )
            added = _at(meeting.date + datetime.timedelta(days=days_after * 2))
            Action.objects.filter(pk=action.pk).update(created_at=added, updated_at=added)
            action.changes.update(changed_at=added)
    log(f"Added {len(ITEMS)} items and their actions.")


def load(log, context):
    """The advisory group, its document and items, on the home page home.demo made."""
    group = _group(log)
    document, created = _document(context["home"], group, log)
    if created:
        _items(document, log, context.get("events", {}).get("world_cafe"))
    return {"reflections": {"document": document}}
