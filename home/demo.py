"""Demo content: a fictional Centre for Independent Living and its city's board.

Everything here is invented. `load_demo` calls `load()` first of the modules in
settings.DEMO_MODULES; running it again finds what is already there and changes nothing.
"""

import io

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Site

from coproduction.members.models import Profile, User

from .models import HomePage, OrganisationSettings, StandardPage

DEMO_PASSWORD = "coproduce-demo-2027"  # noqa: S105 - published demo password, dev only

ORGANISATION = {
    "name": "Castlebridge Centre for Independent Living",
    "email": "hello@castlebridge-cil.example",
    "phone": "0161 496 0732",
    "text_phone": "07700 900 418",
    "address": "Unit 4, Weaver's Yard\n12 Canal Street\nCastlebridge\nCB2 7LN",
}

# (email, display name, organisation, group or None, is superuser)
DEMO_ACCOUNTS = [
    ("admin@castlebridge-cil.example", "Site administrator", "Castlebridge CIL", None, True),
    ("member@castlebridge-cil.example", "Amina Farah", "", "Members", False),
    ("advisory@castlebridge-cil.example", "Declan Byrne", "", "Advisory group", False),
    ("advisory.member@castlebridge-cil.example", "Sam Okafor", "", "Advisory group", False),
    (
        "editor@castlebridge-cil.example",
        "Priya Nair",
        "Castlebridge Health and Wellbeing Board",
        "Board editors",
        False,
    ),
    ("facilitator@castlebridge-cil.example", "Tomasz Wójcik", "Castlebridge CIL", "Facilitators", False),
    (
        "chair@castlebridge-cil.example",
        "Cllr Helen Osei",
        "Castlebridge Health and Wellbeing Board",
        "Chairs",
        False,
    ),
    ("captioner@castlebridge-cil.example", "Ruth Ellison", "Clearline Captioning", "Captioners", False),
]

HOME_INTRO = (
    "<p>We are a charity run by disabled people in Castlebridge. We support around 2,000 "
    "people each year to plan their own support, manage Direct Payments and have a say in "
    "the services they use.</p>"
    "<p>On this site you can answer consultations from the Castlebridge Health and Wellbeing "
    "Board, join its live sessions from home, and read what the Board decided because of what "
    "people told it.</p>"
)
# Introductions earlier demos wrote. One of these on the home page is replaced by
# HOME_INTRO; an introduction the organisation wrote itself is left alone.
OLDER_HOME_INTROS = [
    "<p>We are a charity run by disabled people in Castlebridge. We support around 2,000 "
    "people each year to plan their own support, manage Direct Payments and have a say in "
    "the services they use.</p>"
    "<p>On this site you can find our events, answer consultations from the Castlebridge "
    "Health and Wellbeing Board, join live sessions from home, and see what changed because "
    "of what people told us.</p>",
]


def _p(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


STANDARD_PAGES = [
    {
        "slug": "about-us",
        "title": "About us",
        "summary": "Who we are, who runs us, and what we do in Castlebridge.",
        "show_in_menus": True,
        "body": [
            {
                "type": "paragraph",
                "value": _p(
                    "Castlebridge Centre for Independent Living started in 1994, when a group of "
                    "disabled residents met in a church hall on Mill Lane to share what they knew "
                    "about getting support at home. Today most of our trustees and more than half "
                    "of our staff are disabled people.",
                ),
            },
            {"type": "heading", "value": {"text": "What we do", "level": "h2"}},
            {
                "type": "paragraph",
                "value": (
                    "<ul><li>Support planning: help to work out what support you want and how to get it.</li>"
                    "<li>Direct Payments support: a payroll and banking service for people who employ "
                    "Personal Assistants.</li>"
                    "<li>Peer support groups, including a group for young disabled people aged 16 to 25.</li>"
                    "<li>Independent advocacy when you are dealing with the council or the NHS.</li></ul>"
                ),
            },
            {
                "type": "image",
                "value": {
                    "image": None,
                    "alt_text": (
                        "Simple drawing of six people, shown as blue circles, sitting around an oval table."
                    ),
                    "caption": "Our members' forum meets on the first Tuesday of every month.",
                },
            },
            {
                "type": "heading",
                "value": {"text": "Working with the Health and Wellbeing Board", "level": "h2"},
            },
            {
                "type": "paragraph",
                "value": _p(
                    "The Castlebridge Health and Wellbeing Board brings together councillors, NHS "
                    "leaders and the voluntary sector. It asked us to help disabled people take part "
                    "in its work in more ways than reading formal reports: through events, "
                    "conversations and live sessions you can join from home.",
                ),
            },
        ],
    },
    {
        "slug": "how-we-work-together",
        "title": "How we work together",
        "summary": "What co-production means for us, before, during and after every meeting.",
        "show_in_menus": True,
        "body": [
            {
                "type": "paragraph",
                "value": _p(
                    "Co-production means that people who draw on care and support share power with "
                    "professionals over what is designed and decided. It is not asking for views "
                    "after the decision has been made.",
                ),
            },
            {"type": "heading", "value": {"text": "Before a meeting", "level": "h2"}},
            {
                "type": "paragraph",
                "value": _p(
                    "We send papers at least a week ahead, in easy read, large print and audio as "
                    "well as standard print. We ask everyone what they need to take part, and we "
                    "pay members of our advisory group for their time.",
                ),
            },
            {"type": "heading", "value": {"text": "During a meeting", "level": "h2"}},
            {
                "type": "paragraph",
                "value": _p(
                    "Meetings have live captions and a British Sign Language interpreter when anyone "
                    "asks for one. There is a break at least every 45 minutes. You can speak, type "
                    "your point, or ask someone to speak for you.",
                ),
            },
            {"type": "heading", "value": {"text": "After a meeting", "level": "h2"}},
            {
                "type": "paragraph",
                "value": _p(
                    "Everything people said goes into a \u201cyou said, we did\u201d record. Each point "
                    "ends with what was done about it, or an honest answer about why it could not be done.",
                ),
            },
            {
                "type": "document",
                "value": {
                    "document": None,
                    "description": ("A short plain text summary of how we run meetings."),
                },
            },
        ],
    },
    {
        "slug": "get-involved",
        "title": "Get involved",
        "summary": "Ways to take part, from answering one question to joining our advisory group.",
        "show_in_menus": True,
        "body": [
            {
                "type": "paragraph",
                "value": _p(
                    "You can take part as much or as little as suits you. Create an account to answer "
                    "consultations and save your answers to finish later. There is no time limit.",
                    "Our advisory group of 14 people with lived experience meets online every month. "
                    "Members are paid \u00a325 an hour for meetings and preparation.",
                ),
            },
        ],
    },
    {
        "slug": "accessibility-statement",
        "title": "Accessibility statement",
        "summary": "How accessible this website is, what we know is not yet right, and how to tell us.",
        "show_in_menus": False,
        "body": [
            {
                "type": "paragraph",
                "value": _p(
                    "This website is run by Castlebridge Centre for Independent Living. We want as "
                    "many people as possible to be able to use it. You should be able to:",
                )
                + (
                    "<ul><li>change text size, colours and spacing from the \u201cDisplay preferences\u201d "
                    "link at the top of every page</li>"
                    "<li>zoom in up to 400% without the text spilling off the screen</li>"
                    "<li>get around the whole website using just a keyboard</li>"
                    "<li>use the website with a screen reader, including NVDA, JAWS and VoiceOver</li>"
                    "<li>read an easy read version of consultations, where there is one</li></ul>"
                ),
            },
            {"type": "heading", "value": {"text": "How we test this website", "level": "h2"}},
            {
                "type": "paragraph",
                "value": _p(
                    "Every type of page is checked automatically against the Web Content "
                    "Accessibility Guidelines (WCAG) 2.2 level AA each time the website changes, "
                    "in standard and high contrast colours. Members of our advisory group who use "
                    "assistive technology also test new features before they are published.",
                ),
            },
            {"type": "heading", "value": {"text": "Reporting problems", "level": "h2"}},
            {
                "type": "paragraph",
                "value": _p(
                    "If you find a problem, or need information in another format such as easy read, "
                    "large print, audio or British Sign Language, email "
                    "hello@castlebridge-cil.example, phone 0161 496 0732 or text 07700 900 418. "
                    "We will reply within 5 working days.",
                    "If you are not happy with how we respond, contact the Equality Advisory and "
                    "Support Service (EASS).",
                ),
            },
        ],
    },
]

HOW_WE_RUN_MEETINGS = """How we run meetings - a short summary

1. Papers go out at least one week before, in the formats people asked for.
2. We check access needs with everyone before the meeting.
3. There is a break at least every 45 minutes.
4. You can speak, type, or ask someone to speak for you.
5. After the meeting, we write down what people said and what we will do about it.
6. We tell you what happened, even when the answer is no.
"""


def _make_picture(width, height, draw_fn):
    from PIL import Image as PILImage
    from PIL import ImageDraw

    picture = PILImage.new("RGB", (width, height), "#ffffff")
    draw_fn(ImageDraw.Draw(picture))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def _draw_logo(draw):
    draw.ellipse((10, 10, 110, 110), outline="#1f2b3a", width=10)
    draw.ellipse((70, 10, 170, 110), outline="#00703c", width=10)
    draw.text((190, 45), "Castlebridge CIL", fill="#1f2b3a")


def _draw_table(draw):
    draw.ellipse((140, 90, 460, 310), fill="#d9c7a3", outline="#5a4630", width=4)
    for x, y in [(110, 120), (300, 40), (490, 120), (110, 280), (300, 360), (490, 280)]:
        draw.ellipse((x - 30, y - 30, x + 30, y + 30), fill="#1d4f91")


def _image(title, data, filename):
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing, False
    image = Image(title=title, file=ImageFile(io.BytesIO(data), name=filename))
    image.save()
    return image, True


def _document(title, text, filename):
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing, False
    document = Document(title=title, file=ContentFile(text.encode("utf-8"), name=filename))
    document.save()
    return document, True


def _home_page(log):
    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(title=ORGANISATION["name"], slug="castlebridge-cil", intro=HOME_INTRO)
        root.add_child(instance=home)
        home.save_revision().publish()
        log("Created the home page.")
    elif home.intro in OLDER_HOME_INTROS:
        home.intro = HOME_INTRO
        home.save_revision().publish()
        log("Updated the home page's introduction.")
    if site is None:
        site = Site.objects.create(
            hostname="localhost",
            port=8000,
            root_page=home,
            is_default_site=True,
            site_name=ORGANISATION["name"],
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = ORGANISATION["name"]
        site.save()
        # Wagtail's placeholder "Welcome" page is no longer reachable: remove it.
        if not isinstance(old_root.specific, HomePage) and old_root.depth == 2:
            old_root.delete()
    return site, home


def _standard_pages(home, picture, document, log):
    pages = {}
    for spec in STANDARD_PAGES:
        page = StandardPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if page is None:
            body = []
            for block in spec["body"]:
                value = block["value"]
                if block["type"] == "image":
                    value = {**value, "image": picture.pk}
                elif block["type"] == "document":
                    value = {**value, "document": document.pk}
                body.append({"type": block["type"], "value": value})
            page = StandardPage(
                title=spec["title"],
                slug=spec["slug"],
                summary=spec["summary"],
                show_in_menus=spec["show_in_menus"],
                body=body,
            )
            home.add_child(instance=page)
            page.save_revision().publish()
            log(f"Created the page \u201c{page.title}\u201d.")
        pages[spec["slug"]] = page
    return pages


def _accounts(log):
    for email, name, organisation, group_name, superuser in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            if superuser:
                user = User.objects.create_superuser(email=email, password=DEMO_PASSWORD)
            else:
                user = User.objects.create_user(email=email, password=DEMO_PASSWORD)
            Profile.objects.create(user=user, display_name=name, organisation=organisation)
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
            log(f"Created the account {email}.")


def load(log, context):
    """Create the site, its pages and the accounts where missing; return the site, home page and pages."""
    site, home = _home_page(log)
    logo, _ = _image("Castlebridge CIL logo", _make_picture(400, 120, _draw_logo), "castlebridge-logo.png")
    picture, _ = _image(
        "Members' forum round table", _make_picture(600, 400, _draw_table), "members-forum.png"
    )
    document, _ = _document("How we run meetings", HOW_WE_RUN_MEETINGS, "how-we-run-meetings.txt")
    pages = _standard_pages(home, picture, document, log)

    org = OrganisationSettings.for_site(site)
    if org.logo_id is None:
        for field, value in ORGANISATION.items():
            setattr(org, field, value)
        org.logo = logo
        org.logo_alt_text = "Castlebridge Centre for Independent Living"
        org.accessibility_statement = pages["accessibility-statement"]
        org.save()
        log("Saved the organisation's contact details and logo.")
    _accounts(log)
    return {"site": site, "home": home, "pages": pages}
