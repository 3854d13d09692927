from .documents import PublicationDocument
from .index import PublicationIndexPage
from .kinds import Kind
from .publications import PublicationPage, superseded_publications

__all__ = [
    "Kind",
    "PublicationDocument",
    "PublicationIndexPage",
    "PublicationPage",
    "superseded_publications",
]
