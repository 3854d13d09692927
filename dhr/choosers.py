"""The document chooser of a review's documents: Wagtail's own, except that a file uploaded
from it goes into the section's document collection (``dhr.moderation``), where it stays
private until a published review uses it (``dhr.visibility``)."""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.admin.telepath import register as register_telepath_adapter
from wagtail.documents.views import chooser
from wagtail.models import Collection

from dhr.moderation import find_review_collection

# Word files and other formats keep tracked changes, comments and authors' names.
NOT_PDF_MESSAGE = _(
    "Review documents must be PDF files: other formats can keep tracked changes, comments "
    "and authors' names. Save the document as a PDF, upload that and choose it instead."
)


def only_pdf(field):
    """The upload form's file field takes only a PDF, and says so."""
    field.validators.append(FileExtensionValidator(["pdf"], message=NOT_PDF_MESSAGE))
    max_size = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
    field.help_text = (
        _("Up to %(max_filesize)s. PDF files only: review documents must be PDF.")
        % {"max_filesize": filesizeformat(max_size)}
        if max_size
        else _("PDF files only: review documents must be PDF.")
    )


class IntoReviewCollection:
    """For the chooser views that show or take the upload form: its collection is the
    section's, and no other can be chosen, and only a PDF can be uploaded."""

    def get_creation_form(self):
        form = super().get_creation_form()
        if form is not None and "file" in form.fields:
            only_pdf(form.fields["file"])
        collection = find_review_collection()
        if form is None or collection is None:
            return form
        form.instance.collection = collection
        if "collection" in form.fields:
            field = form.fields["collection"]
            field.queryset = Collection.objects.filter(pk=collection.pk)
            field.initial = collection.pk
            form.initial["collection"] = collection.pk
            field.help_text = _(
                "Review documents are kept here. They can only be downloaded while a published review uses them."
            )
        return form


class OnlyPdfs:
    """For the chooser's listing: only PDFs can be chosen as review documents."""

    def get_object_list(self):
        return super().get_object_list().filter(file__iendswith=".pdf")


class ReviewDocumentChooseView(OnlyPdfs, IntoReviewCollection, chooser.DocumentChooseView):
    pass


class ReviewDocumentChooseResultsView(OnlyPdfs, IntoReviewCollection, chooser.DocumentChooseResultsView):
    pass


class ReviewDocumentChooserUploadView(IntoReviewCollection, chooser.DocumentChooserUploadView):
    pass


class ReviewDocumentChooserViewSet(chooser.DocumentChooserViewSet):
    choose_view_class = ReviewDocumentChooseView
    choose_results_view_class = ReviewDocumentChooseResultsView
    create_view_class = ReviewDocumentChooserUploadView
    # Only the review document panel uses this chooser; every other document field keeps
    # Wagtail's.
    register_widget = False

    def on_register(self):
        super().on_register()
        register_telepath_adapter(self.widget_telepath_adapter_class(), self.widget_class)


review_document_chooser = ReviewDocumentChooserViewSet(
    "dhr_review_document_chooser",
    model=chooser.viewset.model,
    url_prefix="dhr/review-document-chooser",
)
