"""StreamField blocks shared by every content page. Apps extend `BaseContentBlock`."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    """A section heading; the level keeps the page outline in order under the h1."""

    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section (h2)")), ("h3", _("Sub-section (h3)"))], default="h2"
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"


class AccessibleImageBlock(blocks.StructBlock):
    """An image that cannot be published without a text alternative."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        label=_("Alternative text"),
        help_text=_("Say what the picture shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(max_length=250, required=False)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"


class DocumentBlock(blocks.StructBlock):
    """A downloadable document, shown with its format and size."""

    document = DocumentChooserBlock()
    description = blocks.CharBlock(
        max_length=250, required=False, help_text=_("What is in it, in a few words.")
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"


class VideoWithTranscriptBlock(blocks.StructBlock):
    """A video that always comes with a written transcript, and captions if there are any."""

    title = blocks.CharBlock(max_length=200)
    video = DocumentChooserBlock(
        required=False, help_text=_("An MP4 or WebM file uploaded to the documents library.")
    )
    video_url = blocks.URLBlock(
        required=False, help_text=_("Or a link to the video where it is published elsewhere.")
    )
    captions = DocumentChooserBlock(required=False, help_text=_("A WebVTT (.vtt) captions file."))
    transcript = blocks.RichTextBlock(features=["bold", "link", "ul", "ol"])

    class Meta:
        icon = "media"
        template = "blocks/video_with_transcript_block.html"

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks.struct_block import StructBlockValidationError

        cleaned = super().clean(value)
        if not cleaned.get("video") and not cleaned.get("video_url"):
            raise StructBlockValidationError(
                block_errors={"video": ValidationError(_("Choose a video file or give a link to one."))}
            )
        return cleaned


class BaseContentBlock(blocks.StreamBlock):
    """Headings, rich text, images, documents and videos with transcripts."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "link", "document-link", "ol", "ul"], icon="pilcrow"
    )
    image = AccessibleImageBlock()
    document = DocumentBlock()
    video = VideoWithTranscriptBlock()
