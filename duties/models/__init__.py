from .common import Lead
from .duties import DutyIndexPage, DutyPage, DutyRelatedWorkstream
from .strategies import StrategyDocument
from .workstreams import (
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
