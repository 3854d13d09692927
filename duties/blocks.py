"""Blocks used only by the duties app. Shared blocks live in core/blocks.py."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core.blocks import block_template


class NamedItemBlock(blocks.StructBlock):
    """A short name and a sentence or two about it, shown as one row of a summary list."""

    name = blocks.CharBlock(max_length=120, help_text=_("A few words, such as 'Fire and rescue'."))
    description = blocks.TextBlock(
        max_length=400, help_text=_("One or two plain sentences. Up to 400 characters.")
    )

    class Meta:
        template = block_template("summary_row")


class AuthorityBlock(NamedItemBlock):
    class Meta:
        icon = "group"
        label = _("Authority")
        help_text = _("A body the duty applies to, and what that means for its work.")
        preview_value = {
            "name": "Fire and rescue",
            "description": "Millshire Fire and Rescue Service, through home safety visits and arson prevention.",
        }


class DutyFunctionBlock(NamedItemBlock):
    class Meta:
        icon = "list-ul"
        label = _("Function")
        help_text = _("An area of work the duty covers, and what it means locally.")
        preview_value = {
            "name": "Substance misuse",
            "description": "The misuse of drugs, alcohol and other substances in the area.",
        }
