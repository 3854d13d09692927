"""Every use of Wagtail's undocumented behaviour for documents, in one place.

``core.document_protection`` and ``core.document_accessibility`` rely on four things Wagtail does but does not document:

- ``ReferenceIndex._extract_references_from_object`` lists what an unsaved object (a
  page as a draft revision has it) refers to, as the reference index would store it,
  naming each target by ``ReferenceIndex._get_base_content_type``;
- the admin's URL patterns are built from ``register_admin_urls`` hooks in hook order,
  so a pattern registered with a lower order answers an address before Wagtail's own;
- the document delete views (``wagtail.documents.views.documents.DeleteView`` and the
  multiple uploader's ``DeleteView``) take the ``document_id`` and ``doc_id`` arguments
  at ``documents/delete/<id>/`` and ``documents/multiple/<id>/delete/``;
- the document listing (``wagtail.documents.views.documents.IndexView``, at
  ``documents/`` and, for its searches and filters, ``documents/results/`` with
  ``results_only``) builds its table from a ``columns`` list of ``wagtail.admin.ui.tables``
  columns, the file's download link named ``"filename"``.

They were written for ``WRITTEN_FOR``; tests/test_wagtail_document_contract.py fails if
another version is installed or any of them has changed. After upgrading Wagtail, read
``wagtail/models/reference_index.py`` and ``wagtail/documents/admin_urls.py`` against
this module, then update ``WRITTEN_FOR``.
"""

from wagtail.documents.views import documents, multiple
from wagtail.models import ReferenceIndex

WRITTEN_FOR = "7.4.4"

# Wagtail's own delete views, and where the admin serves them (below /admin/).
DocumentDeleteView = documents.DeleteView
MultipleDocumentDeleteView = multiple.DeleteView
DELETE_PATH = "documents/delete/<int:document_id>/"
MULTIPLE_DELETE_PATH = "documents/multiple/<int:doc_id>/delete/"
# Wagtail's document listing, where it is served, and the column new columns follow.
DocumentIndexView = documents.IndexView
INDEX_PATH = "documents/"
INDEX_RESULTS_PATH = "documents/results/"
FILE_COLUMN = "filename"
# Below Wagtail's own hooks (order 0), so these patterns come first.
URL_HOOK_ORDER = -1


def refers_to(obj, target):
    """True if ``obj`` (saved or not) refers to ``target`` in any field, child object or
    StreamField block the reference index follows."""
    wanted = (ReferenceIndex._get_base_content_type(target).pk, str(target.pk))
    return any(
        (to_content_type_id, str(to_object_id)) == wanted
        for to_content_type_id, to_object_id, _model_path, _content_path in (
            ReferenceIndex._extract_references_from_object(obj)
        )
    )


def add_column_after_file(columns, column):
    """``columns`` (the listing's) with ``column`` after the file's download link."""
    names = [getattr(existing, "name", None) for existing in columns]
    position = names.index(FILE_COLUMN) + 1 if FILE_COLUMN in names else len(columns)
    return [*columns[:position], column, *columns[position:]]
