from .findings import KeyFinding, Recommendation
from .index import DHRIndexPage
from .learning import LearningPage
from .request_copy import CopyRequest, CopyRequestCount, RequestCopyFormField, RequestCopyFormPage
from .review_documents import ReviewDocument
from .reviews import ReviewPage, ReviewType
from .settings import DHRSettings

__all__ = [
    "CopyRequest",
    "CopyRequestCount",
    "DHRIndexPage",
    "DHRSettings",
    "KeyFinding",
    "LearningPage",
    "Recommendation",
    "RequestCopyFormField",
    "RequestCopyFormPage",
    "ReviewDocument",
    "ReviewPage",
    "ReviewType",
]
