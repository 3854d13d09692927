"""The publications a theme's page lists (``themes.entries``): those in the theme's
language tagged with it that a reader may see now and that no visible publication has
superseded, newest first, in one query."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.visibility import filter_visible
from themes.entries import ENTRY_FIELDS, entries_of


def publication_entries(theme, request):
    from publications.models import PublicationPage, superseded_publications

    now = timezone.now()
    # A Welsh publication whose theme has no Welsh version yet still points at the English one.
    tagged = PublicationPage.themes.through.objects.filter(theme__translation_key=theme.translation_key)
    publications = (
        filter_visible(
            PublicationPage.objects.filter(
                locale_id=theme.locale_id, pk__in=tagged.values("publicationpage_id")
            ),
            now,
        )
        .exclude(pk__in=superseded_publications(now).values("pk"))
        .order_by("-publication_date", "-pk")
        .only(*ENTRY_FIELDS)
    )
    return entries_of(_("Briefings and other publications"), publications, request)
