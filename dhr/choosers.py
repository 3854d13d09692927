"""The document chooser of a review's documents: Wagtail's own, except that a file uploaded
from it goes into the section's document collection (``dhr.moderation``), where it stays
private until a published review uses it (``dhr.visibility``)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.telepath import register as register_telepath_adapter
from wagtail.documents.views import chooser
from wagtail.models import Collection

from dhr.moderation import find_review_collection


class IntoReviewCollection:
    """For the chooser views that show or take the upload form: its collection is the
    section's, and no other can be chosen."""

    def get_creation_form(self):
        form = super().get_creation_form()
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


class ReviewDocumentChooseView(IntoReviewCollection, chooser.DocumentChooseView):
    pass


class ReviewDocumentChooseResultsView(IntoReviewCollection, chooser.DocumentChooseResultsView):
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
