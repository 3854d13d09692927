"""Upload forms for documents and images: Wagtail's own, with size-limit messages that
tell an editor what to do next. The document form also keeps the file and title of a
document pages use unless the user could publish those pages (core.document_protection)."""

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from core.document_protection import ProtectedDocumentFormMixin

TOO_BIG = _(
    "This file is %(file_size)s, which is more than the %(max_filesize)s limit. "
    "Make it smaller (for example, save a PDF with reduced image quality) or split it "
    "into parts, then upload it again."
)
TOO_BIG_UNKNOWN = _(
    "This file is more than the %(max_filesize)s limit. Make it smaller or split it "
    "into parts, then upload it again."
)


def _clearer_size_messages(field, max_size, extensions):
    """Replace the size messages of Wagtail's file field (which fills in
    ``%(file_size)s`` and ``%(max_filesize)s`` itself) and say the rules up front."""
    if field is None or max_size is None:
        return
    field.error_messages["file_too_large"] = TOO_BIG
    field.error_messages["file_too_large_unknown_size"] = TOO_BIG_UNKNOWN % {
        "max_filesize": filesizeformat(max_size)
    }
    field.help_text = _("Up to %(max_filesize)s. Allowed types: %(extensions)s.") % {
        "max_filesize": filesizeformat(max_size),
        "extensions": ", ".join(extensions).upper(),
    }


class _DocumentUploadForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "title" in self.fields:
            self.fields["title"].help_text = _(
                "Say what the document is, such as 'Community safety strategy 2025 to 2028', "
                "not a file name. Page document lists link to it by this title (unless the list "
                "gives its own link text), and accessible-format requests name it. A review's "
                "documents are linked by their kind and the review's title instead."
            )
            # Wagtail's form has already made the title's bound field (to name it in the
            # file input), which copied the help text it had then.
            self["title"].help_text = self.fields["title"].help_text
        _clearer_size_messages(
            self.fields.get("file"),
            getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None),
            settings.WAGTAILDOCS_EXTENSIONS,
        )


class DocumentForm(ProtectedDocumentFormMixin, _DocumentUploadForm):
    """The upload rules, then what the user may not change on a document pages use."""


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _clearer_size_messages(
            self.fields.get("file"),
            getattr(settings, "WAGTAILIMAGES_MAX_UPLOAD_SIZE", None),
            [ext for ext in settings.WAGTAILIMAGES_EXTENSIONS if ext != "jpeg"],
        )
