from .index import DHRIndexPage
from .request_copy import RequestCopyFormField, RequestCopyFormPage
from .review_documents import ReviewDocument
from .reviews import ReviewPage, ReviewType
from .settings import DHRSettings

__all__ = [
    "DHRIndexPage",
    "DHRSettings",
    "RequestCopyFormField",
    "RequestCopyFormPage",
    "ReviewDocument",
    "ReviewPage",
    "ReviewType",
]
