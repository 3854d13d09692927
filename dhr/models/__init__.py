from .index import DHRIndexPage
from .request_copy import RequestCopyFormField, RequestCopyFormPage
from .review_documents import ReviewDocument
from .reviews import ReviewPage, ReviewType

__all__ = [
    "DHRIndexPage",
    "RequestCopyFormField",
    "RequestCopyFormPage",
    "ReviewDocument",
    "ReviewPage",
    "ReviewType",
]
