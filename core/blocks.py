"""StreamField blocks shared by every app's pages. Each block has its own template in
templates/components/streamfield/blocks/, an icon, help text and a preview value."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

BLOCK_TEMPLATES = "components/streamfield/blocks/"


def block_template(name):
    return f"{BLOCK_TEMPLATES}{name}.html"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        max_length=120, help_text=_("Keep headings short and say what the section is about.")
    )
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Main section (level 2)")), ("h3", _("Subsection (level 3)"))],
        default="h2",
        help_text=_("Use level 2 for main sections and level 3 inside them. Never skip a level."),
    )

    class Meta:
        icon = "title"
        template = block_template("heading")
        help_text = _("A heading that starts a new section of the page.")
        preview_value = {"text": "What happens during a review", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        template = block_template("paragraph")
        help_text = _("Paragraphs, lists and links. Write in plain English.")
        preview_value = (
            "<p>The partnership brings together the council, police, fire and rescue, "
            "probation and health services to make the area safer.</p>"
        )


class CalloutBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(
        features=["bold", "link", "ul"],
        help_text=_("A short passage to draw attention to, such as a deadline or a key fact."),
    )

    class Meta:
        icon = "doc-full"
        template = block_template("callout")
        help_text = _("Inset text: sets a short passage apart from the text around it.")
        preview_value = {"text": "<p>Reports stay online for twelve months.</p>"}


class WarningTextBlock(blocks.StructBlock):
    text = blocks.CharBlock(
        max_length=300, help_text=_("One or two sentences. Readers see a warning symbol beside it.")
    )

    class Meta:
        icon = "warning"
        template = block_template("warning_text")
        help_text = _("Warning text: use only for something a reader must not miss.")
        preview_value = {"text": "If you are in danger now, call 999."}


class DocumentItemBlock(blocks.StructBlock):
    document = DocumentChooserBlock(help_text=_("Choose or upload the document."))
    title = blocks.CharBlock(
        required=False,
        max_length=200,
        help_text=_("Leave blank to use the document's own title."),
    )


class DocumentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120, help_text=_("Optional heading."))
    documents = blocks.ListBlock(DocumentItemBlock())

    class Meta:
        icon = "doc-full-inverse"
        template = block_template("document_list")
        help_text = _(
            "A list of downloads. Readers see each document's type, size and page count, "
            "and how to ask for an accessible format."
        )


class DetailsItemBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, help_text=_("The question or topic."))
    content = blocks.RichTextBlock(help_text=_("The answer or detail."))


class AccordionBlock(blocks.StructBlock):
    sections = blocks.ListBlock(DetailsItemBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = block_template("accordion")
        help_text = _("Sections that readers open one at a time. Use for related, optional detail.")
        preview_value = {
            "sections": [
                {"heading": "Who takes part", "content": "<p>Every agency that knew the person.</p>"},
                {"heading": "How long it takes", "content": "<p>Usually between six and twelve months.</p>"},
            ]
        }


class DetailsBlock(DetailsItemBlock):
    class Meta:
        icon = "help"
        template = block_template("details")
        help_text = _("A single 'show more' link that opens to reveal extra detail.")
        preview_value = {"heading": "What does anonymised mean?", "content": "<p>Names are replaced.</p>"}


class KeyFactBlock(blocks.StructBlock):
    figure = blocks.CharBlock(max_length=40, help_text=_("The figure itself, such as '£24bn'."))
    description = blocks.CharBlock(max_length=200, help_text=_("What the figure measures."))
    source = blocks.CharBlock(max_length=200, help_text=_("Who published the figure."))
    source_url = blocks.URLBlock(required=False, help_text=_("Link to the source, if public."))
    year = blocks.IntegerBlock(min_value=1900, max_value=2100, help_text=_("Year the figure applies to."))


class KeyFactsBlock(blocks.StructBlock):
    facts = blocks.ListBlock(KeyFactBlock(), min_num=1)

    class Meta:
        icon = "order"
        template = block_template("key_facts")
        help_text = _("Headline figures, each with its source and year so readers can check them.")
        preview_value = {
            "facts": [
                {
                    "figure": "£24bn",
                    "description": "estimated yearly cost of serious and organised crime to the UK",
                    "source": "Home Office",
                    "source_url": "",
                    "year": 2013,
                }
            ]
        }


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text=_("The exact words, such as the text of a section of an Act."))
    citation = blocks.CharBlock(
        max_length=200,
        help_text=_("Where the words come from, such as 'Crime and Disorder Act 1998, section 17(1)'."),
    )
    source_url = blocks.URLBlock(
        required=False, help_text=_("Link to the source, such as legislation.gov.uk.")
    )
    note = blocks.CharBlock(
        required=False, max_length=300, help_text=_("Optional note, such as 'As amended by …'.")
    )

    class Meta:
        icon = "openquote"
        template = block_template("quote")
        help_text = _("A quotation with its source. Use for statute text.")
        preview_value = {
            "quote": "It shall be the duty of each authority … to do all that it reasonably can to prevent …",
            "citation": "Crime and Disorder Act 1998, section 17(1)",
            "source_url": "",
            "note": "",
        }


class ContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=120, help_text=_("Team or role, not a named person."))
    email = blocks.EmailBlock(required=False)
    phone = blocks.CharBlock(required=False, max_length=40)
    address = blocks.TextBlock(required=False)
    hours = blocks.CharBlock(
        required=False, max_length=120, help_text=_("For example 'Monday to Friday, 9am to 5pm'.")
    )

    class Meta:
        icon = "mail"
        template = block_template("contact")
        help_text = _("How to contact a team.")
        preview_value = {
            "name": "Community safety team",
            "email": "safety@example.org",
            "phone": "01234 567890",
        }


class HelplinesBlock(blocks.StaticBlock):
    class Meta:
        icon = "help"
        template = block_template("helplines")
        admin_text = _("Shows the helplines from the site settings, including 999 and the Silent Solution.")
        help_text = _("The helplines list, kept up to date in Settings › Site settings.")


class TableContentBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        max_length=200, help_text=_("Says what the table shows. Read out first by screen readers.")
    )
    table = TableBlock(
        table_options={
            "contextMenu": ["row_above", "row_below", "col_left", "col_right", "remove_row", "remove_col"]
        }
    )

    class Meta:
        icon = "table"
        template = block_template("table")
        help_text = _("A table of data. Turn on 'Row header' so the first row labels the columns.")


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(help_text=_("Alternative text is required unless the image is decorative."))
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = block_template("figure")
        help_text = _("An image with required alternative text and an optional caption.")


class VideoLinkBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=150, help_text=_("What the video is about."))
    url = blocks.URLBlock(
        help_text=_(
            "Link to the video. It is shown as a link, never embedded, so no third party sees visitors."
        )
    )
    duration = blocks.CharBlock(required=False, max_length=20, help_text=_("For example '4 minutes'."))
    transcript_url = blocks.URLBlock(
        required=False, help_text=_("Link to a transcript or captions, if there is one.")
    )

    class Meta:
        icon = "media"
        template = block_template("video_link")
        help_text = _(
            "A link to a video hosted elsewhere. Never embedded, so visits leave no trace with third parties."
        )
        preview_value = {
            "title": "How a review works",
            "url": "https://example.org/video",
            "duration": "4 minutes",
        }


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    callout = CalloutBlock()
    warning = WarningTextBlock()
    documents = DocumentListBlock()
    accordion = AccordionBlock()
    details = DetailsBlock()
    key_facts = KeyFactsBlock()
    quote = QuoteBlock()
    contact = ContactBlock()
    helplines = HelplinesBlock()
    table = TableContentBlock()
    image = FigureBlock()
    video_link = VideoLinkBlock()
