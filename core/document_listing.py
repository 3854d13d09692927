"""Wagtail's document listing with an "Accessibility" column: each document's facts in
words (``core.document_accessibility.describe``), so an editor sees which files readers
will be warned about. Served at Wagtail's own addresses (``core.wagtail_hooks``)."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column

from core import wagtail_document_internals as internals
from core.document_accessibility import describe


class DocumentIndexView(internals.DocumentIndexView):
    @cached_property
    def columns(self):
        column = Column("accessibility", label=_("Accessibility"), accessor=describe)
        return internals.add_column_after_file(list(super().columns), column)
