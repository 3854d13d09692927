"""What orders ranked search results besides how well their text matches.

- **Landing pages count a little more.** The home page and each section's front page are
  where a reader should start, so their text rank is multiplied by ``LANDING_WEIGHTS``
  (by tree depth: a site's home page is at depth 2, its sections at 3). It only settles
  near ties: a page that matches clearly better still comes first.
- **Superseded pages come last.** A section whose pages can be replaced by newer ones (a
  plan by the next plan, say) registers a function with the ``register_superseded_pages``
  hook: given the moment to judge at, it returns a queryset of its pages that something a
  reader can see has replaced. Those still match and are still listed, since a reader may
  be looking for the old plan, but after every current page that ranks, whatever their
  rank.

Both are expressions on the pages being searched, in the search's own query.
"""

from django.db.models import Case, FloatField, IntegerField, Q, Value, When
from django.utils import timezone
from wagtail import hooks

HOOK_NAME = "register_superseded_pages"

LANDING_WEIGHTS = {2: 1.2, 3: 1.1}


def landing_weight():
    """An expression on pages: the factor their text rank is multiplied by."""
    return Case(
        *(When(depth=depth, then=Value(weight)) for depth, weight in LANDING_WEIGHTS.items()),
        default=Value(1.0),
        output_field=FloatField(),
    )


def superseded_last(at=None):
    """An expression on pages to order by before rank: 0 for a current page, 1 for a
    superseded one; ``None`` when no section registers any (nothing to reorder). One
    subquery per registered section."""
    functions = hooks.get_hooks(HOOK_NAME)
    if not functions:
        return None
    at = at or timezone.now()
    superseded = Q()
    for function in functions:
        superseded |= Q(pk__in=function(at).values("pk"))
    return Case(When(superseded, then=Value(1)), default=Value(0), output_field=IntegerField())


def ranked_order(rank):
    """The ``order_by`` arguments for results by ``rank`` (higher is better): superseded
    pages last, then rank weighted for landing pages, then newest first."""
    superseded = superseded_last()
    first = () if superseded is None else (superseded,)
    return (*first, (rank * landing_weight()).desc(), "-pk")
