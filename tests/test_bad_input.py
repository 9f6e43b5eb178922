"""Bad input on every form of the public site and on the search.

NUL and other control characters, 100,000 characters, and email addresses longer than
the account column holds are refused with a message in the error summary that names
the field; the page shows back what was typed; nothing is stored; no 500. Run it on
PostgreSQL too: that is where a NUL byte or an overlong value fails in the database.

`FORMS` and `URLS_WITHOUT_TYPED_TEXT` list every non-admin URL pattern (and every route of a routable
page) with the form that reads it, or why it has none; a new URL fails
`test_every_url_is_listed_with_its_form_or_why_it_has_none` until it is listed here.
"""

from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlencode

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.http import QueryDict
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.encoding import force_bytes
from django.utils.html import escape
from django.utils.http import urlsafe_base64_encode
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.images.models import Image
from wagtail.models import Page, Site, get_page_models

from consultations.models import Answer, FormatRequest, Moderation, Response, Theme
from coproduction.members.models import Profile, SignUpLink, Supporter, SupporterInvitation, User
from events import services as event_services
from events.models import CafeTheme, Contribution, Registration, RemoteContribution, RemoteSeat
from home.models import HomePage
from reflections import services as reflection_services
from reflections.models import Action as ReflectionAction
from reflections.models import Comment as ReflectionComment
from reflections.models import GroupMembership
from reflections.models import Item as ReflectionItem
from tests.events.factories import make_event, make_world_cafe
from tests.factories import answer_all, make_consultation, valid_answers
from tests.reflections.conftest import item_values, make_document

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
NUL = "\x00"
ESCAPE = "\x1b"
LONG = 100_000
LONG_EMAIL = "a" * 250 + "@example.org"  # 262 characters: more than the 254 an account holds
CONTROL_CHARACTER = "Remove the invisible control character from \u201c{name}\u201d."


class Site_:
    """What the forms need, made on first use: members, a consultation, a written answer."""

    def __init__(self, client, make_member):
        self.client = client
        self.make_member = make_member

    @cached_property
    def home(self):
        home = HomePage(title="Riverside Centre for Independent Living", slug="riverside")
        Page.get_first_root_node().add_child(instance=home)
        Site.objects.update(root_page=home)
        return home

    @cached_property
    def member(self):
        self.home  # noqa: B018 - the pages a member sees need a home page
        return self.make_member("amina@example.org", password=PASSWORD, display_name="Amina")

    @cached_property
    def editor(self):
        return self.make_member("editor@example.org", password=PASSWORD, groups=["Board editors"])

    @cached_property
    def page(self):
        self.home  # noqa: B018
        return make_consultation()

    @cached_property
    def facilitator(self):
        return self.make_member("facilitator@example.org", password=PASSWORD, groups=["Facilitators"])

    @cached_property
    def event(self):
        self.home  # noqa: B018
        return make_event()

    @cached_property
    def registration(self):
        """A member's place at the event, for marking attendance."""
        return event_services.register(self.event, self.member, {"attendance_mode": "in_person"})

    @cached_property
    def cafe(self):
        self.home  # noqa: B018
        return make_world_cafe()

    @cached_property
    def contribution(self):
        """A contribution at the first table, with one theme to tag it with."""
        table, cafe_round = self.cafe.ordered_tables()[0], self.cafe.ordered_rounds()[0]
        CafeTheme.objects.create(page=self.cafe, name="Papers people can read")
        return Contribution.objects.create(
            page=self.cafe, table=table, round=cafe_round, question=cafe_round.question, text="Late papers"
        )

    @cached_property
    def remote_member(self):
        """A member with a place online at the café's event, which has a live session, and a
        remote seat at the first table in round 1."""
        from tests.factories import make_live_session

        event = self.cafe.get_parent().specific
        self.remote_session = make_live_session(event, self.facilitator)
        member = self.make_member("joan@example.org", password=PASSWORD, display_name="Joan")
        # Made directly: registration for the café's event has closed.
        Registration.objects.create(
            event=event, member=member, status="registered", position=1, attendance_mode="online"
        )
        RemoteSeat.objects.create(
            member=member, table=self.cafe.ordered_tables()[0], round=self.cafe.ordered_rounds()[0]
        )
        return member

    @cached_property
    def remote_pending(self):
        """Something a remote seat sent to the first table, waiting for its host."""
        seat = RemoteSeat.objects.get(member=self.remote_member)
        return RemoteContribution.objects.create(
            session=self.remote_session,
            table=seat.table,
            round=seat.round,
            member=self.remote_member,
            text="Evenings",
        )

    @cached_property
    def document(self):
        """A living document, with Declan in its advisory group."""
        self.home  # noqa: B018
        return make_document()

    @cached_property
    def group_member(self):
        member = self.make_member("declan@example.org", password=PASSWORD, groups=["Advisory group"])
        GroupMembership.objects.create(group=self.document.group, member=member)
        return member

    @cached_property
    def reflection_item(self):
        return reflection_services.create_item(self.document, item_values(), by=self.group_member)

    @cached_property
    def reflection_action(self):
        values = {"text": "Ask for a shelter", "owner": "Transport lead", "status": "agreed"}
        return reflection_services.create_action(self.reflection_item, values, by=self.group_member)

    @cached_property
    def theme_source(self):
        """A consultation theme, as "send to reflections" names it."""
        theme = Theme.objects.create(consultation=self.page, name="Bus stops")
        return f"/send-to-reflections/{ContentType.objects.get_for_model(Theme).pk}/{theme.pk}/"

    @cached_property
    def first_rank(self):
        return f"rank_{self.page.ordered_questions()[3].choices.first().pk}"

    @cached_property
    def written_answer(self):
        """A sent response's written answer, for the analysis page."""
        respondent = Client()
        respondent.force_login(self.make_member("declan@example.org"))
        answer_all(respondent, self.page)
        return Answer.objects.get(response__member__email="declan@example.org", question__kind="text")

    @cached_property
    def reset_url(self):
        """The set-a-new-password page, reached as the emailed link reaches it."""
        uid = urlsafe_base64_encode(force_bytes(self.member.pk))
        token = default_token_generator.make_token(self.member)
        return self.client.get(f"/account/password-reset/{uid}/{token}/")["Location"]

    @cached_property
    def sign_up_finish_url(self):
        """The page the emailed sign-up link opens."""
        _link, secret = SignUpLink.issue(email="jo.bloggs@example.org")
        return f"/account/sign-up/{secret}/"

    def sign_in(self, role):
        if role:
            self.client.force_login(getattr(self, role))

    def stored(self):
        """Everything a form could write, to compare before and after a refused post."""
        return {
            "users": list(User.objects.order_by("pk").values_list("email", "password")),
            "profiles": list(Profile.objects.order_by("pk").values()),
            "supporters": Supporter.objects.count(),
            "emailed links": [SignUpLink.objects.count(), SupporterInvitation.objects.count()],
            "responses": list(Response.objects.order_by("pk").values()),
            "answers": Answer.objects.count(),
            "format requests": FormatRequest.objects.count(),
            "moderations": Moderation.objects.count(),
            "themes": Theme.objects.count(),
            "registrations": list(Registration.objects.order_by("pk").values()),
            "contributions": [Contribution.objects.count(), Contribution.themes.through.objects.count()],
            "World Café themes": CafeTheme.objects.count(),
            "remote seats": [
                list(RemoteSeat.objects.order_by("pk").values()),
                list(RemoteContribution.objects.order_by("pk").values()),
            ],
            "reflections": [
                list(ReflectionItem.objects.order_by("pk").values()),
                list(ReflectionAction.objects.order_by("pk").values()),
                ReflectionComment.objects.count(),
            ],
            "images": Image.objects.count(),
            "sign-in records": [
                AccessAttempt.objects.count(),
                AccessFailureLog.objects.count(),
                AccessLog.objects.count(),
            ],
            "emails": len(mail.outbox),
        }


FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Text:
    """A text field: what the messages call it, and its length message.

    In the length message, {count} is the length as the site's own message writes it
    ("100,000") and {digits} as a field's own message does ("100000").
    """

    name: str
    too_long: str
    kind: str = "text"  # or "email", "password" (never shown back)
    control: str = ""  # the field's own control-character message, if it has one

    def control_message(self):
        return self.control or CONTROL_CHARACTER.format(name=self.name)


@dataclass(frozen=True)
class FormPage:
    """A form and how to fill it in validly; each field is then spoiled in turn."""

    url: object  # Site_ -> address
    valid: object  # Site_ -> POST (or GET) data
    text: dict = field(default_factory=dict)  # field name ("{site.…}" allowed) -> Text
    choices: dict = field(default_factory=dict)  # field name -> message for a value not offered
    signed_in_as: str = ""
    method: str = "post"


def too_long(name, limit):
    return f"\u201c{name}\u201d must be {limit} characters or fewer. It has {{count}} characters."


EMAIL = Text("Email address", too_long("Email address", "254"), "email")


def answer_page(number, text=None, choices=None):
    """Question `number` of the test consultation, answered as a member."""
    return FormPage(
        url=lambda site: f"{site.page.url}answer/{number}/",
        valid=lambda site: valid_answers(site.page)[number],
        text=text or {},
        choices=choices or {},
        signed_in_as="member",
    )


ANSWERS = {
    "single": answer_page(1, choices={"answer": "Choose one of the answers listed"}),
    "multiple": answer_page(
        2,
        text={
            "other_text": Text(
                "If you chose \u201cother\u201d, please say what",
                "Your other answer must be 300 characters or fewer",
            )
        },
        choices={"answer": "Choose answers from the list"},
    ),
    "rating": answer_page(3, choices={"answer": "Choose a rating from 1 to 5"}),
    "ranking": answer_page(4, choices={"{site.first_rank}": "Choose a position from the list"}),
    "text": answer_page(
        5,
        text={
            "answer": Text(
                "Anything else?", "Your answer must be 200 characters or fewer. It has {digits} characters."
            )
        },
    ),
}

ITEM_TEXT = {
    "you_said": Text("You said", too_long("You said", "2,000")),
    "attribution": Text("Who said it", too_long("Who said it", "200")),
    "outcome_wanted": Text("Outcome wanted", too_long("Outcome wanted", "2,000")),
    "outcome_for": Text("Who it will be better for", too_long("Who it will be better for", "200")),
    "project": Text("Project", too_long("Project", "200")),
}
ACTION_TEXT = {
    "text": Text("What we did or will do", too_long("What we did or will do", "2,000")),
    "owner": Text("Owner", too_long("Owner", "200")),
    "reason": Text("Reason", too_long("Reason", "2,000")),
}

FORMS = {
    "members:sign_up": FormPage(
        url=lambda site: "/account/sign-up/",
        valid=lambda site: {"email": "jo.bloggs@example.org"},
        text={"email": EMAIL},
    ),
    "members:sign_up_finish": FormPage(
        url=lambda site: site.sign_up_finish_url,
        valid=lambda site: {
            "display_name": "Jo Bloggs",
            "organisation": "",
            "password1": "a long enough phrase",
            "password2": "a long enough phrase",
        },
        text={
            "display_name": Text("Your name", "Your name must be 80 characters or fewer"),
            "organisation": Text("Organisation", "Organisation must be 200 characters or fewer"),
            "password1": Text("Create a password", too_long("Create a password", "128"), "password"),
            "password2": Text(
                "Type the password again", too_long("Type the password again", "128"), "password"
            ),
        },
    ),
    "members:sign_in": FormPage(
        url=lambda site: "/account/sign-in/",
        valid=lambda site: {"username": site.member.email, "password": PASSWORD},
        text={
            "username": EMAIL,
            "password": Text("Password", too_long("Password", "128"), "password"),
        },
    ),
    "members:password_reset": FormPage(
        url=lambda site: "/account/password-reset/",
        valid=lambda site: {"email": site.member.email},
        text={"email": EMAIL},
    ),
    "members:password_reset_confirm": FormPage(
        url=lambda site: site.reset_url,
        valid=lambda site: {"new_password1": "another long phrase", "new_password2": "another long phrase"},
        text={
            "new_password1": Text("New password", too_long("New password", "128"), "password"),
            "new_password2": Text(
                "Type the new password again", too_long("Type the new password again", "128"), "password"
            ),
        },
    ),
    "members:profile_edit": FormPage(
        url=lambda site: "/account/profile/edit/",
        valid=lambda site: {"display_name": "Amina", "preferred_contact": "email"},
        text={
            "display_name": Text("Your name", "Your name must be 80 characters or fewer"),
            "organisation": Text("Organisation", too_long("Organisation", "200")),
            "phone": Text("Phone number", "Phone number must be 40 characters or fewer"),
            "postal_address": Text("Postal address", "Postal address must be 500 characters or fewer"),
            "other_language": Text(
                "Do you need information in another language?", "Language must be 100 characters or fewer"
            ),
            "other_communication_needs": Text(
                "Anything else about how you communicate", "This must be 1000 characters or fewer"
            ),
        },
        choices={
            "preferred_contact": "Choose how we should contact you from the list",
            "communication_needs": "Choose formats from the list",
        },
        signed_in_as="member",
    ),
    "members:delete_account": FormPage(
        url=lambda site: "/account/delete/",
        # Never valid as a whole, so no test deletes the account: the tick is missing.
        valid=lambda site: {"password": PASSWORD},
        text={"password": Text("Your password", too_long("Your password", "128"), "password")},
        signed_in_as="member",
    ),
    "members:supporters": FormPage(
        url=lambda site: "/account/supporters/",
        valid=lambda site: {"email": site.editor.email},
        text={"email": Text("Their email address", too_long("Their email address", "254"), "email")},
        signed_in_as="member",
    ),
    "display_preferences": FormPage(
        url=lambda site: "/display-preferences/",
        valid=lambda site: {"text_size": "150", "contrast": "high"},
        choices={"text_size": "Choose a text size from the list", "contrast": "Choose colours from the list"},
    ),
    "search": FormPage(
        url=lambda site: "/search/",
        valid=lambda site: {"q": "support"},
        text={
            "q": Text(
                "What are you looking for?",
                "Your search must be 200 characters or fewer. It has {digits} characters.",
                control="Remove the invisible control character from your search.",
            )
        },
        method="get",
    ),
    **{f"consultations.ConsultationPage:answer_question ({kind})": form for kind, form in ANSWERS.items()},
    "consultations.ConsultationPage:answer_for": FormPage(
        url=lambda site: f"{site.page.url}answer-for/",
        valid=lambda site: {"member_email": site.member.email, "channel": "phone", "consent": "on"},
        text={
            "member_email": Text(
                "Email address of the person you are answering for",
                too_long("Email address of the person you are answering for", "254"),
                "email",
            )
        },
        choices={
            "channel": "Choose one of the options listed for \u201cHow did they give their answers?\u201d"
        },
        signed_in_as="editor",
    ),
    "consultations.ConsultationPage:other_formats": FormPage(
        url=lambda site: f"{site.page.url}other-formats/",
        valid=lambda site: {"name": "Jo Bloggs", "format": "large_print", "email": "jo@example.org"},
        text={
            "name": Text("Your name", too_long("Your name", "100")),
            "language": Text("Which language?", too_long("Which language?", "100")),
            "email": Text("Email address", too_long("Email address", "254"), "email"),
            "phone": Text("Phone number", too_long("Phone number", "40")),
            "postal_address": Text("Postal address", too_long("Postal address", "500")),
            "details": Text(
                "Anything else we should know", too_long("Anything else we should know", "1,000")
            ),
        },
        choices={"format": "Choose a format from the list"},
    ),
    "consultations.ConsultationPage:analysis (moderation)": FormPage(
        url=lambda site: f"{site.page.url}analysis/",
        valid=lambda site: {
            "answer": str(site.written_answer.pk),
            f"a{site.written_answer.pk}-status": "pending",
            f"a{site.written_answer.pk}-published_text": site.written_answer.text,
        },
        text={
            "a{site.written_answer.pk}-published_text": Text(
                "Words to publish", too_long("Words to publish", "10,000")
            ),
            "a{site.written_answer.pk}-redaction_reason": Text(
                "Why you changed the words", "The reason must be 300 characters or fewer"
            ),
        },
        choices={
            "a{site.written_answer.pk}-status": "Choose one of the options listed for \u201cDecision\u201d"
        },
        signed_in_as="editor",
    ),
    "consultations.ConsultationPage:analysis (themes)": FormPage(
        url=lambda site: f"{site.page.url}analysis/",
        valid=lambda site: {"add_theme": "", "theme-name": "Transport"},
        text={
            "theme-name": Text("New theme", "The theme name must be 120 characters or fewer"),
            "theme-description": Text("What the theme covers", too_long("What the theme covers", "500")),
        },
        signed_in_as="editor",
    ),
    "events.EventPage:register": FormPage(
        url=lambda site: site.event.url_for("register"),
        valid=lambda site: {"attendance_mode": "in_person", "access_requirements": ["bsl"]},
        text={
            "other_access_requirements": Text(
                "Anything else you need", too_long("Anything else you need", "1,000")
            ),
            "dietary_needs": Text("Dietary needs", too_long("Dietary needs", "500")),
        },
        choices={
            "attendance_mode": "Choose one of the options listed for \u201cHow will you take part?\u201d",
            "access_requirements": (
                "Choose one of the options listed for \u201cWhat do you need to take part?\u201d"
            ),
        },
        signed_in_as="member",
    ),
    "events.EventPage:mark_attendance": FormPage(
        url=lambda site: site.event.url_for("mark_attendance"),
        valid=lambda site: {"registration": str(site.registration.pk), "attended": "yes"},
        choices={"attended": "Choose one of the options listed for \u201cDid they come?\u201d"},
        signed_in_as="facilitator",
    ),
    "events.WorldCafePage:add_contribution": FormPage(
        url=lambda site: site.cafe.url_for("add_contribution"),
        valid=lambda site: {
            "table": str(site.cafe.ordered_tables()[0].pk),
            "round": str(site.cafe.ordered_rounds()[0].pk),
            "text": "Papers come too late to read.",
        },
        text={
            "text": Text("What did the table say?", too_long("What did the table say?", "2,000")),
            "photo_alt_text": Text("What the photo shows", too_long("What the photo shows", "1,000")),
        },
        choices={"table": "Choose a table at this World Café", "round": "Choose a round of this World Café"},
        signed_in_as="facilitator",
    ),
    "events.WorldCafePage:remote_seat": FormPage(
        url=lambda site: site.cafe.url_for("remote_seat"),
        valid=lambda site: {
            "table": str(site.cafe.ordered_tables()[1].pk),
            "round": str(site.cafe.ordered_rounds()[1].pk),
        },
        choices={"table": "Choose a table at this World Café", "round": "Choose a round of this World Café"},
        signed_in_as="remote_member",
    ),
    "events.WorldCafePage:send_to_table": FormPage(
        url=lambda site: site.cafe.url_for("send_to_table"),
        valid=lambda site: {
            "send-round": str(site.cafe.ordered_rounds()[0].pk),
            "send-text": "Evening meetings",
        },
        text={
            "send-text": Text(
                "What do you want your table to hear?",
                too_long("What do you want your table to hear?", "2,000"),
            )
        },
        choices={"send-round": "Choose a round you have a seat in"},
        signed_in_as="remote_member",
    ),
    "events.WorldCafePage:remote_contributions": FormPage(
        url=lambda site: site.cafe.url_for("remote_contributions"),
        valid=lambda site: {"contribution": str(site.remote_pending.pk)},
        choices={"contribution": "That contribution was not sent to a table of this World Café"},
        signed_in_as="facilitator",
    ),
    "events.WorldCafePage:decline_contribution": FormPage(
        url=lambda site: site.cafe.url_for("decline_contribution", site.remote_pending.pk),
        valid=lambda site: {f"d{site.remote_pending.pk}-reason": "Another table said the same."},
        text={
            "d{site.remote_pending.pk}-reason": Text(
                "Why it is not added", too_long("Why it is not added", "300")
            )
        },
        signed_in_as="facilitator",
    ),
    "events.WorldCafePage:themes": FormPage(
        url=lambda site: site.cafe.url_for("themes"),
        valid=lambda site: {"name": "Hearing back"},
        text={
            "name": Text("Theme", too_long("Theme", "200")),
            "description": Text("What it is about", too_long("What it is about", "1,000")),
        },
        signed_in_as="facilitator",
    ),
    "events.WorldCafePage:tag_contribution": FormPage(
        url=lambda site: site.cafe.url_for("tag_contribution", site.contribution.pk),
        valid=lambda site: {f"c{site.contribution.pk}-themes": [str(CafeTheme.objects.get().pk)]},
        choices={"c{site.contribution.pk}-themes": "Choose themes of this World Café"},
        signed_in_as="facilitator",
    ),
    "reflections.ReflectionDocumentPage:add_item": FormPage(
        url=lambda site: site.document.url_for("add_item"),
        valid=lambda site: {"you_said": "Papers come late", "said_on": "2026-03-12", "audience": "group"},
        text=ITEM_TEXT,
        choices={
            "audience": "Choose one of the options listed for \u201cWho it is for\u201d",
            "meeting": "Choose a meeting of this group",
        },
        signed_in_as="group_member",
    ),
    "reflections.ReflectionDocumentPage:edit_item": FormPage(
        url=lambda site: site.document.url_for("edit_item", site.reflection_item.pk),
        valid=lambda site: {
            "you_said": "Papers come late",
            "said_on": "2026-03-12",
            "audience": "group",
            "version": "1",
        },
        text=ITEM_TEXT,
        choices={"meeting": "Choose a meeting of this group"},
        signed_in_as="group_member",
    ),
    "reflections.ReflectionDocumentPage:add_action": FormPage(
        url=lambda site: site.document.url_for("add_action", site.reflection_item.pk),
        valid=lambda site: {"text": "Ask for a shelter", "owner": "Transport lead", "status": "agreed"},
        text=ACTION_TEXT,
        choices={"status": "Choose one of the options listed for \u201cStatus\u201d"},
        signed_in_as="group_member",
    ),
    "reflections.ReflectionDocumentPage:edit_action": FormPage(
        url=lambda site: site.document.url_for("edit_action", site.reflection_action.pk),
        valid=lambda site: {"text": "Ask for a shelter", "owner": "Lead", "status": "done", "version": "1"},
        text=ACTION_TEXT,
        choices={"status": "Choose one of the options listed for \u201cStatus\u201d"},
        signed_in_as="group_member",
    ),
    "reflections.ReflectionDocumentPage:comment": FormPage(
        url=lambda site: site.document.url_for("comment", site.reflection_item.pk),
        valid=lambda site: {"text": "Shall we ask the bus company too?"},
        text={"text": Text("Your comment", too_long("Your comment", "2,000"))},
        signed_in_as="group_member",
    ),
    "reflections:send_to_reflections": FormPage(
        url=lambda site: site.theme_source,
        valid=lambda site: {"document": str(site.document.pk), "you_said": "Bus stops"},
        text={"you_said": Text("You said", too_long("You said", "2,000"))},
        choices={"document": "Choose one of the documents listed"},
        signed_in_as="editor",
    ),
}

# Every URL pattern outside the admin, and every route of a routable page, is either
# read by a form above or listed here with the reason it takes no typed text.
URLS_WITHOUT_TYPED_TEXT = {
    "wagtaildocs_serve": "sends a document",
    "wagtaildocs_authenticate_with_password": "document passwords: none can be set",
    "wagtailcore_authenticate_with_password": "shared page passwords are switched off",
    "wagtailcore_login": "never reached: private_page_sign_in answers the same address first",
    "private_page_sign_in": "sends people to members:sign_in",
    "wagtail_serve": "pages; their routes are listed by page type below",
    "favicon": "sends the icon",
    "members:sign_out": "a button with no fields",
    "members:password_reset_sent": "a page to read",
    "members:sign_up_sent": "a page to read",
    "members:accept_supporter": "a button with no fields",
    "members:password_reset_complete": "a page to read",
    "members:profile": "a page to read",
    "members:my_data": "a download",
    "consultations.ConsultationPage:check_answers": (
        "one tick box and no text: test_an_odd_value_in_a_tick_box_counts_as_a_tick"
    ),
    "consultations.ConsultationPage:consultation_page": "a page to read",
    "consultations.ConsultationPage:index_route": "never reached: consultation_page has the same address",
    "consultations.ConsultationPage:start_answering": "sends people to the next question",
    "consultations.ConsultationPage:answers_sent": "a page to read",
    "consultations.ConsultationPage:answers_saved": "a page to read",
    "consultations.ConsultationPage:stop_answering_for": "a button with no fields",
    "consultations.ConsultationPage:results": "a page to read",
    # The live session's form posts are checked by their own tests
    # (tests/live/test_http.py and test_form_posts.py), on every host, not here.
    "test_meetings.MeetingPage:index_route": "test-only host page: a page to read",
    "test_meetings.MeetingPage:live_page": "live session: tested with the live session",
    "test_meetings.MeetingPage:chair_console": "live session: tested with the live session",
    "test_meetings.MeetingPage:live_action": "live session: tested with the live session",
    "test_meetings.MeetingPage:transcript": "live session: tested with the live session",
    "test_meetings.MeetingPage:session_record": "live session: tested with the live session",
    "reflections.ReflectionDocumentPage:live_page": "live session: tested with the live session",
    "reflections.ReflectionDocumentPage:chair_console": "live session: tested with the live session",
    "reflections.ReflectionDocumentPage:live_action": "live session: tested with the live session",
    "reflections.ReflectionDocumentPage:transcript": "live session: tested with the live session",
    "reflections.ReflectionDocumentPage:session_record": "live session: tested with the live session",
    "consultations.ConsultationPage:live_page": "live session: tested with the live session",
    "consultations.ConsultationPage:chair_console": "live session: tested with the live session",
    "consultations.ConsultationPage:live_action": (
        "live session: tested with the live session; its live poll forms (quick poll, vote) "
        "in tests/consultations/test_live_poll_pages.py"
    ),
    "consultations.ConsultationPage:transcript": "live session: tested with the live session",
    "consultations.ConsultationPage:session_record": "live session: tested with the live session",
    "events.EventPage:live_page": "live session: tested with the live session",
    "events.EventPage:chair_console": "live session: tested with the live session",
    "events.EventPage:live_action": "live session: tested with the live session",
    "events.EventPage:transcript": "live session: tested with the live session",
    "events.EventPage:session_record": "live session: tested with the live session",
    "events:my_events": "a page to read",
    "events.EventIndexPage:index_route": "the list of events; its filters ignore a value not offered",
    "events.EventIndexPage:calendar_feed": "a download",
    "events.EventPage:index_route": "never reached: event_page has the same address",
    "events.EventPage:event_page": "a page to read",
    "events.EventPage:registered": "a page to read",
    "events.EventPage:cancel_registration": "a button with no fields",
    "events.EventPage:event_ics": "a download",
    "events.EventPage:attendees": "a page to read",
    "events.EventPage:access_details": "a page to read",
    "events.EventPage:attendees_csv": "a download",
    "events.EventPage:payments_csv": "a download",
    "events.WorldCafePage:index_route": "never reached: world_cafe has the same address",
    "events.WorldCafePage:world_cafe": "a page to read",
    "events.WorldCafePage:publish_harvest": "a button: publish or stop publishing",
    "events.WorldCafePage:harvest_output": "a page to read",
    "events.WorldCafePage:harvest_csv": "a download",
    "events.WorldCafePage:post_table_note": (
        "a form of the table host's live session page: NUL, 100,000 characters, an empty note and a"
        " table of another event are tested in tests/events/test_round_timers.py"
    ),
    "events.WorldCafePage:run_round": (
        "a form of the table host's live session page: words or 100,000 digits as minutes, a round of"
        " another World Café or not running are tested in tests/events/test_round_timers.py"
    ),
    "reflections:notifications": "a page to read",
    "reflections.ReflectionDocumentPage:index_route": "the document; its filters ignore a value not offered",
    "reflections.ReflectionDocumentPage:item": "a page to read",
    "reflections.ReflectionDocumentPage:item_history": (
        "a page to read; restoring posts a version id: test_restoring_a_version_of_another_item_is_refused"
    ),
    "reflections.ReflectionDocumentPage:follow_item": "a button with no fields",
    "reflections.ReflectionDocumentPage:changes_since_meeting": "a page to read",
    "reflections.ReflectionDocumentPage:as_at_meeting": "a page to read",
    "reflections.ReflectionDocumentPage:export": "a download",
}


def url_names(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith("admin/"):
                continue
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from url_names(pattern, inner)
        elif isinstance(pattern, URLPattern):
            yield ":".join(filter(None, [namespace, pattern.name]))


def page_route_names():
    for model in get_page_models():
        if issubclass(model, RoutablePageMixin):
            for pattern in model.get_subpage_urls():
                yield f"{model._meta.label}:{pattern.name}"


def test_every_url_is_listed_with_its_form_or_why_it_has_none():
    found = set(url_names(get_resolver())) | set(page_route_names())
    # "…:answer_question (single)" is one of the forms read at "…:answer_question".
    listed = {name.split(" (")[0] for name in FORMS} | set(URLS_WITHOUT_TYPED_TEXT)
    assert sorted(found ^ listed) == []


@pytest.fixture
def site(client, make_member):
    return Site_(client, make_member)


def with_nul(kind):
    return {"email": f"jo{NUL}bloggs@example.org", "password": f"a long{NUL} phrase"}.get(
        kind, f"Jo{NUL} Bloggs"
    )


def with_escape(kind):
    return {"email": f"jo{ESCAPE}bloggs@example.org", "password": f"a long{ESCAPE} phrase"}.get(
        kind, f"Jo{ESCAPE}[31m Bloggs"
    )


def too_many(kind, length=LONG):
    return "a" * (length - len("@example.org")) + "@example.org" if kind == "email" else "x" * length


def text_cases():
    for form_name, form in FORMS.items():
        for field_name, text in form.text.items():
            cases = [
                ("NUL", with_nul(text.kind), text.control_message()),
                ("escape character", with_escape(text.kind), text.control_message()),
                (
                    "100,000 characters",
                    too_many(text.kind),
                    text.too_long.format(count="100,000", digits="100000"),
                ),
            ]
            if text.kind == "email":
                cases.append(
                    ("262-character email", LONG_EMAIL, text.too_long.format(count="262", digits="262"))
                )
            for case, value, message in cases:
                yield pytest.param(form, field_name, value, message, id=f"{form_name} {field_name} {case}")


def choice_cases():
    for form_name, form in FORMS.items():
        for field_name, message in form.choices.items():
            for case, value in [("NUL", f"1{NUL}"), ("100,000 characters", "1" * LONG)]:
                yield pytest.param(form, field_name, value, message, id=f"{form_name} {field_name} {case}")


def send(site, form, field_name, value):
    url = form.url(site)
    data = {**form.valid(site), field_name.format(site=site): value}
    return getattr(site.client, form.method)(url, data)


def error_summary(response):
    html = response.content.decode()
    start = html.find('<div class="error-summary"')
    return html[start : html.index("</div>", start)] if start >= 0 else ""


@pytest.mark.parametrize("form, field_name, value, message", [*text_cases(), *choice_cases()])
def test_bad_input_is_refused_with_a_message_naming_the_field(site, form, field_name, value, message):
    site.sign_in(form.signed_in_as)
    form.url(site), form.valid(site)  # make what the form needs before noting what is stored
    before = site.stored()
    response = send(site, form, field_name, value)
    assert response.status_code == 200
    assert escape(message) in error_summary(response), error_summary(response) or "no error summary"
    assert site.stored() == before


def shown_back_cases():
    for form_name, form in FORMS.items():
        for field_name, text in form.text.items():
            if text.kind != "password":
                for case, value in [
                    ("NUL", with_nul(text.kind)),
                    ("100,000 characters", too_many(text.kind)),
                ]:
                    yield pytest.param(form, field_name, value, id=f"{form_name} {field_name} {case}")


@pytest.mark.parametrize("form, field_name, value", list(shown_back_cases()))
def test_the_refused_text_is_shown_back_as_it_was_typed(site, form, field_name, value):
    site.sign_in(form.signed_in_as)
    response = send(site, form, field_name, value)
    assert escape(value) in response.content.decode()


@pytest.mark.parametrize("value", [f"on{NUL}", "on" * (LONG // 2)], ids=["NUL", "100,000 characters"])
def test_an_odd_value_in_a_tick_box_counts_as_a_tick(site, value):
    site.sign_in("member")
    for number, data in valid_answers(site.page).items():
        site.client.post(f"{site.page.url}answer/{number}/", data)
    response = site.client.post(f"{site.page.url}answer/check/", {"publish_consent": value})
    assert (response.status_code, Response.objects.get(member=site.member).publish_consent) == (302, True)


def test_a_262_character_email_at_sign_in_writes_no_sign_in_record(site):
    site.member  # noqa: B018
    site.client.post("/account/sign-in/", {"username": LONG_EMAIL, "password": "not the password"})
    assert AccessAttempt.objects.count() + AccessFailureLog.objects.count() == 0


def test_wagtails_own_sign_in_form_sends_people_to_the_members_sign_in(site):
    site.home  # noqa: B018
    response = site.client.post("/_util/login/?next=/about/", {"username": LONG_EMAIL, "password": "x"})
    assert (response.status_code, response["Location"]) == (302, "/account/sign-in/?next=/about/")


def test_removing_a_supporter_by_something_that_is_not_a_number_removes_nobody(site):
    site.sign_in("member")
    Supporter.objects.create(member=site.member, supporter=site.editor)
    response = site.client.post("/account/supporters/", {"remove": f"1{NUL}"})
    assert (response.status_code, Supporter.objects.count()) == (302, 1)


def repeated_field_cases():
    for form_name, form in FORMS.items():
        names = list(form.text) or list(form.choices)
        if names:
            yield pytest.param(form, names[0], id=f"{form_name} {names[0]}")


@pytest.mark.parametrize("form, field_name", list(repeated_field_cases()))
def test_a_field_sent_twice_is_refused_and_nothing_is_stored(site, form, field_name):
    site.sign_in(form.signed_in_as)
    url, data = form.url(site), form.valid(site)
    name = field_name.format(site=site)
    before = site.stored()
    fields = [(key, value) for key, value in data.items() if key != name]
    first = data.get(name, "Jo Bloggs")
    fields += [(name, first), (name, first)]
    if form.method == "get":
        response = site.client.get(url, QueryDict(urlencode(fields, doseq=True)))
    else:
        response = site.client.post(url, urlencode(fields, doseq=True), content_type=FORM_CONTENT_TYPE)
    assert response.status_code == 200
    # An error on the repeated field; its words are each form's own (tested with the form).
    assert f'href="#id_{name}' in error_summary(response), error_summary(response) or "no error summary"
    assert site.stored() == before
