"""Turning the simple values of a demo content file into field values.

What a value means follows the model field or StreamField block it is for:

- rich text (``RichTextField``, ``RichTextBlock``): paragraphs, as ``demo.content`` says;
- a page (a foreign key to a page, ``PageChooserBlock``): its path under the home page,
  such as ``"statutory-duties/section-17"``;
- a document (a foreign key to a document, ``DocumentChooserBlock``): the name of its file
  in ``content/documents/``, made from the words there;
- a date, date-time or year given as a table such as ``{ months = -2, days = -30 }``: that
  long from today (from now for a date-time; its year for a year);
- a StreamField: a list of tables, each with ``type`` (the block's name) and its value: the
  block's fields for a ``StructBlock`` (text left out is empty), ``value`` for any other;
- a theme (a foreign key or a many-to-many field to ``themes.Theme``): its slug, or a list
  of slugs, from ``content/themes.toml`` (``demo.themes``);
- an inline list (a child model with a ``ParentalKey``): a list of tables, one per row. In a
  row with a document, a rich text field set to ``true`` holds the document's own words.
"""

import datetime

from django.db import models
from django.utils import timezone
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from demo import content, pdfs
from demo.themes import english_theme
from dhr.publication import add_months
from themes.models import Theme

# Text a StructBlock's table leaves out is empty, as the admin saves it.
TEXT_BLOCKS = (blocks.CharBlock, blocks.TextBlock, blocks.URLBlock, blocks.EmailBlock)


class Pending(Exception):
    """The value names a page not made yet: it is set once every page exists."""


def relative(field, offset):
    """The moment ``offset`` (``years``, ``months``, ``days``, ``hours``) from now, as ``field`` needs it."""
    months = 12 * offset.get("years", 0) + offset.get("months", 0)
    if months and isinstance(field, models.DateTimeField):
        raise ValueError(f"{field.name}: give a date-time's offset in days and hours")
    delta = datetime.timedelta(days=offset.get("days", 0), hours=offset.get("hours", 0))
    if isinstance(field, models.DateTimeField):
        return timezone.now() + delta
    day = add_months(timezone.localdate(), months) + delta
    return day.year if isinstance(field, models.IntegerField) else day


class Values:
    """Field values for the pages under ``home``, with ``variables`` for ``{placeholders}``."""

    def __init__(self, home, variables):
        self.home = home
        self.variables = variables

    def page(self, path):
        """The page at ``path`` under the home page; ``Pending`` if it is not made yet."""
        page = self.home
        for slug in filter(None, path.split("/")):
            page = page.get_children().filter(slug=slug).first()
            if page is None:
                raise Pending(path)
        return page.specific

    def document(self, name):
        return pdfs.demo_document(name, self.variables)

    def text(self, value):
        return content.substitute(value, self.variables) if isinstance(value, str) else value

    def field(self, model, name, value):
        """The value for ``model``'s field ``name`` from ``value`` as written."""
        field = model._meta.get_field(name)
        if isinstance(field, StreamField):
            return self.stream(field.stream_block, value)
        if isinstance(field, models.ManyToOneRel):
            return [self.row(field.related_model, order, row) for order, row in enumerate(value)]
        if isinstance(field, models.ManyToManyField) and field.related_model is Theme:
            return [english_theme(slug) for slug in value]
        if isinstance(field, models.ForeignKey) and field.related_model is Theme:
            return english_theme(value)
        if isinstance(value, dict):
            return relative(field, value)
        if isinstance(field, models.ForeignKey) and issubclass(field.related_model, Page):
            return self.page(value)
        if isinstance(field, models.ForeignKey) and field.related_model is get_document_model():
            return self.document(value)
        if isinstance(field, RichTextField):
            return content.html(self.text(value))
        return self.text(value)

    def row(self, model, order, row):
        """Row ``order`` of an inline list: an unsaved ``model``."""
        values = {}
        for name, value in row.items():
            if value is True and isinstance(model._meta.get_field(name), RichTextField):
                words = pdfs.sections(row["document"], self.variables)
                value = "\n\n".join(text for _heading, texts in words for text in texts)
            values[name] = self.field(model, name, value)
        return model(sort_order=order, **values)

    def stream(self, stream_block, items):
        """Raw StreamField data (``type`` and ``value``) from ``items``."""
        data = []
        for item in items:
            item = dict(item)
            name = item.pop("type")
            block = stream_block.child_blocks[name]
            value = item if isinstance(block, blocks.StructBlock) else item.get("value")
            data.append({"type": name, "value": self.block(block, value)})
        return data

    def block(self, block, value):
        """Raw data for ``block`` from ``value`` as written."""
        if isinstance(block, blocks.StructBlock):
            empty = {name: "" for name, child in block.child_blocks.items() if isinstance(child, TEXT_BLOCKS)}
            return {
                name: self.block(block.child_blocks[name], child) for name, child in (empty | value).items()
            }
        if isinstance(block, blocks.ListBlock):
            return [self.block(block.child_block, child) for child in value]
        if isinstance(block, blocks.StreamBlock):
            return self.stream(block, value)
        if isinstance(block, blocks.RichTextBlock):
            return content.html(self.text(value))
        if isinstance(block, blocks.PageChooserBlock):
            return self.page(value).pk
        if isinstance(block, DocumentChooserBlock):
            return self.document(value).pk
        return self.text(value)
