"""What the reflection tests share: a published document kept by an advisory group, and its people."""

import datetime

import pytest

from reflections.models import (
    AdvisoryGroup,
    GroupMembership,
    Meeting,
    ReflectionDocumentPage,
    ReflectionsIndexPage,
)
from reflections.services import create_item
from tests.factories import make_home_page


def make_document(title="What we heard and what we did", group_name="Co-production Advisory Group"):
    group, _ = AdvisoryGroup.objects.get_or_create(name=group_name)
    home = make_home_page()
    index = ReflectionsIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=ReflectionsIndexPage(title="You said, we did", slug="you-said-we-did")
        )
    document = ReflectionDocumentPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        group=group,
        purpose="<p>Everything the group raised, and what happened to it.</p>",
    )
    document.meetings.add(Meeting(date=datetime.date(2026, 3, 12), title="March meeting"))
    index.add_child(instance=document)
    document.save_revision().publish()
    return ReflectionDocumentPage.objects.get(pk=document.pk)


def item_values(**changes):
    values = {
        "you_said": "The bus stop on Mill Road has no shelter. People wait in the rain.",
        "attribution": "",
        "said_on": datetime.date(2026, 3, 12),
        "meeting": None,
        "outcome_wanted": "A shelter with a seat.",
        "outcome_for": "People who cannot stand for long",
        "audience": "leadership",
        "project": "",
        "published": True,
    }
    return {**values, **changes}


def item_form(item, **changes):
    """The edit form's fields as the browser sends them, from the item as it is now."""
    values = item_values(
        **{name: getattr(item, name) for name in ("you_said", "outcome_wanted", "outcome_for", "audience")}
    )
    data = {
        **{k: ("" if v is None else v) for k, v in values.items() if k != "published"},
        "said_on": item.said_on.isoformat(),
        "version": item.version,
    }
    if item.published:
        data["published"] = "on"
    data.update(changes)
    return data


@pytest.fixture
def document(db):
    return make_document()


@pytest.fixture
def add_to_group(make_member):
    def add(email, document, lead=False, **profile):
        member = make_member(email, groups=["Advisory group"], **profile)
        GroupMembership.objects.create(group=document.group, member=member, is_lead=lead)
        return member

    return add


@pytest.fixture
def sam(add_to_group, document):
    return add_to_group("sam@example.org", document, display_name="Sam")


@pytest.fixture
def priya(add_to_group, document):
    return add_to_group("priya@example.org", document, display_name="Priya", lead=True)


@pytest.fixture
def item(document, sam):
    return create_item(document, item_values(), by=sam)
