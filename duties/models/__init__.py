from .common import Lead
from .duties import DutyIndexPage, DutyPage, DutyRelatedWorkstream
from .workstreams import (
    StrategyDocument,
    WorkstreamIndexPage,
    WorkstreamPage,
    WorkstreamRelatedPage,
)

__all__ = [
    "DutyIndexPage",
    "DutyPage",
    "DutyRelatedWorkstream",
    "Lead",
    "StrategyDocument",
    "WorkstreamIndexPage",
    "WorkstreamPage",
    "WorkstreamRelatedPage",
]
