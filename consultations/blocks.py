"""Blocks for consultations: the easy read version, built sentence by sentence."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock


class EasyReadSentenceBlock(blocks.StructBlock):
    """One short sentence, with a supporting picture that must have alt text."""

    text = blocks.CharBlock(max_length=250, help_text=_("One idea. Short words."))
    image = ImageChooserBlock(required=False)
    alt_text = blocks.CharBlock(
        max_length=200,
        required=False,
        label=_("Alternative text"),
        help_text=_("Required with a picture: what the picture shows."),
    )

    class Meta:
        icon = "pilcrow"
        template = "blocks/easy_read_sentence_block.html"

    def clean(self, value):
        cleaned = super().clean(value)
        if cleaned.get("image") and not cleaned.get("alt_text", "").strip():
            raise StructBlockValidationError(
                block_errors={"alt_text": ValidationError(_("Say what the picture shows."))}
            )
        return cleaned


class EasyReadBlock(blocks.StreamBlock):
    sentence = EasyReadSentenceBlock()
