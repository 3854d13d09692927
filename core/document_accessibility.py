"""What editors are told about a document's accessibility: the facts read from a PDF on
upload (``CSPDocument.pdf_tagged``, ``pdf_has_title``, ``pdf_language``), in words.

Readers see the same facts as one notice (``components/document.html``): a file that is
not a tagged PDF "may not be suitable for users of assistive technology", with a link to
ask for an accessible format. The document listing shows them in its "Accessibility"
column (``core.document_listing``), a review's edit screen in ``DocumentAccessibilityPanel``.
"""

from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


def language_name(tag):
    """The name of the language a PDF declares ("en-GB": "British English"), or the tag
    itself when Django does not know it."""
    for code in (tag.lower(), tag.split("-")[0].lower()):
        try:
            return str(get_language_info(code)["name_translated"])
        except KeyError:
            continue
    return tag


def facts(document):
    """The accessibility facts of ``document`` as short phrases, or ``[]`` when there are
    none to tell (not a PDF, or a PDF that could not be read)."""
    if document.pdf_tagged is None:
        return []
    return [
        str(_("Tagged") if document.pdf_tagged else _("Not tagged")),
        str(_("title") if document.pdf_has_title else _("no title")),
        language_name(document.pdf_language) if document.pdf_language else str(_("no language")),
    ]


def describe(document):
    """The facts in one line for the document listing: "Tagged, title, English"."""
    if document.pdf_tagged is None:
        return _("Not checked") if document.file_extension.lower() == "pdf" else _("Not a PDF")
    return ", ".join(facts(document))


class DocumentAccessibilityPanel(Panel):
    """Read-only: each document of the page's ``relation`` (items with a ``document``) and
    its accessibility facts, so an editor sees which files readers will be warned about."""

    def __init__(self, relation="documents", **kwargs):
        super().__init__(**kwargs)
        self.relation = relation

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "relation": self.relation}

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/panels/document_accessibility.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            items = getattr(self.instance, self.panel.relation).all() if self.instance else []
            documents = [item.document for item in items if item.document_id]
            context["documents"] = [
                {"title": document.title, "facts": describe(document), "tagged": document.pdf_tagged}
                for document in documents
            ]
            return context
