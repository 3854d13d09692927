from .index import DHRIndexPage
from .request_copy import RequestCopyFormField, RequestCopyFormPage
from .reviews import ReviewDocument, ReviewPage, ReviewType

__all__ = [
    "DHRIndexPage",
    "RequestCopyFormField",
    "RequestCopyFormPage",
    "ReviewDocument",
    "ReviewPage",
    "ReviewType",
]
