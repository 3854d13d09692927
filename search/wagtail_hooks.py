"""Search synonyms in the admin: **Settings → Search synonyms** (Moderators and
administrators; see search/migrations)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_settings_menu = True
    list_display = ["term", "equivalents"]
    search_fields = ["term", "equivalents"]
    ordering = ["term"]


register_snippet(SearchSynonymViewSet)
