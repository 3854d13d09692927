"""The reviews a theme's page lists (``themes.entries``): the reviews in the theme's
language tagged with it that a reader may see now, newest first, in one query."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.visibility import filter_visible
from themes.entries import ENTRY_FIELDS, entries_of


def review_entries(theme, request):
    from dhr.models import ReviewPage
    from dhr.models.index import tagged_with

    reviews = (
        filter_visible(
            ReviewPage.objects.filter(
                locale_id=theme.locale_id, pk__in=tagged_with(theme).values("reviewpage_id")
            ),
            timezone.now(),
        )
        .order_by("-publication_date", "-pk")
        .only(*ENTRY_FIELDS)
    )
    return entries_of(_("Reviews"), reviews, request)
