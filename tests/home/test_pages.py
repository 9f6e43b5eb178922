"""Home page, standard pages, site settings, search and errors, as a visitor sees them."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Page

from home.blocks import AccessibleImageBlock, VideoWithTranscriptBlock
from home.models import HomePage, OrganisationSettings, StandardPage

pytestmark = pytest.mark.django_db


def h1s(html):
    return re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)


def test_home_page_has_one_h1_landmarks_and_skip_link(client, demo):
    html = client.get("/").content.decode()
    assert h1s(html) == ["Castlebridge Centre for Independent Living"]
    assert '<html lang="en-GB"' in html
    assert '<a class="skip-link" href="#main-content">Skip to main content</a>' in html
    for landmark in (
        "<header",
        '<nav class="main-nav" aria-label="Main"',
        '<main id="main-content"',
        "<footer",
    ):
        assert landmark in html


def test_home_page_lists_menu_pages_and_hides_empty_sections(client, demo):
    html = client.get("/").content.decode()
    assert "Find out more" in html
    assert "About us" in html
    Page.objects.filter(depth__gt=2).update(show_in_menus=False)
    html = client.get("/").content.decode()
    assert "Find out more" not in html
    assert "About us" not in html


def test_standard_page_shows_image_alt_text_document_size_and_breadcrumbs(client, demo):
    html = client.get("/about-us/").content.decode()
    assert h1s(html) == ["About us"]
    assert 'alt="Simple drawing of six people' in html
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in html
    assert '<span aria-current="page">About us</span>' in html
    html = client.get("/how-we-work-together/").content.decode()
    assert re.search(r"How we run meetings<span class=\"document__meta\"> \(TXT, \d+\sbytes\)", html)


def test_video_block_shows_transcript_and_needs_a_video(client, demo):
    page = StandardPage.objects.get(slug="get-involved")
    block = VideoWithTranscriptBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"title": "Our forum", "transcript": "<p>Hello</p>"}))
    page.body = [
        {
            "type": "video",
            "value": {
                "title": "Our members' forum",
                "video_url": "https://video.example/forum",
                "transcript": "<p>Declan: Welcome to the forum.</p>",
            },
        }
    ]
    page.save_revision().publish()
    html = client.get("/get-involved/").content.decode()
    assert "Transcript of “Our members&#x27; forum”" in html
    assert "Declan: Welcome to the forum." in html


def test_image_block_refuses_an_image_without_alt_text(demo):
    block = AccessibleImageBlock()
    from wagtail.images.models import Image

    image = Image.objects.first()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"image": image.pk, "alt_text": ""}))


def test_logo_without_alt_text_is_refused(demo):
    settings = OrganisationSettings.objects.get()
    settings.logo_alt_text = ""
    with pytest.raises(ValidationError) as error:
        settings.full_clean()
    assert "logo_alt_text" in error.value.message_dict


def test_footer_shows_contact_details_and_accessibility_statement(client, demo):
    html = client.get("/about-us/").content.decode()
    footer = html[html.index("<footer") :]
    assert "hello@castlebridge-cil.example" in footer
    assert 'href="/accessibility-statement/">Accessibility statement</a>' in footer
    assert client.get("/accessibility-statement/").status_code == 200


def test_search_finds_published_pages_and_says_how_many(client, demo):
    html = client.get("/search/", {"q": "captions"}).content.decode()
    assert re.search(r"\d+ results? for “captions”", html)
    assert "How we work together" in html


def test_search_with_no_match_says_so(client, demo):
    html = client.get("/search/", {"q": "xylophone"}).content.decode()
    assert "0 results for “xylophone”" in html
    assert "No pages matched your search" in html


def test_search_does_not_show_draft_pages(client, demo):
    home = HomePage.objects.get()
    draft = StandardPage(title="Secret budget plans", slug="secret", live=False)
    home.add_child(instance=draft)
    html = client.get("/search/", {"q": "budget"}).content.decode()
    assert "Secret budget plans" not in html


def test_search_survives_odd_input(client, demo):
    assert client.get("/search/", {"q": "x" * 5000, "page": "banana"}).status_code == 200
    assert client.get("/search/", {"q": "support", "page": "999"}).status_code == 200


def test_unknown_page_is_a_helpful_404(client, demo):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.fixture
def organisation_with_logo(db):
    """The default site's settings with a name and a logo, as an organisation would set them."""
    from PIL import Image as Picture
    from wagtail.images.models import Image
    from wagtail.models import Site

    data = io.BytesIO()
    Picture.new("RGB", (200, 60), "#1f2b3a").save(data, "PNG")
    logo = Image.objects.create(title="Logo", file=ImageFile(data, name="logo.png"))
    settings = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    settings.name = "Riverside Centre for Independent Living"
    settings.logo = logo
    settings.logo_alt_text = "Riverside Centre for Independent Living"
    settings.save()
    return settings


def header_logo(html):
    return re.search(r'<a class="site-header__home" href="/">.*?(<img [^>]*>)', html, re.S)[1]


def test_the_header_logo_is_silent_beside_the_organisations_name(client, organisation_with_logo):
    # The link already reads "Riverside Centre for Independent Living"; alt text would say it twice.
    assert 'alt=""' in header_logo(client.get("/search/").content.decode())


def test_favicon_ico_leads_to_the_sites_icon(client, db):
    response = client.get("/favicon.ico", follow=True)
    assert (response.status_code, response["Content-Type"]) == (200, "image/x-icon")


def test_every_page_links_an_icon_that_loads(client, db):
    html = client.get("/search/").content.decode()
    icons = re.findall(r'<link rel="icon" href="([^"]+)"', html)
    assert [client.get(icon).status_code for icon in icons] == [200, 200]
