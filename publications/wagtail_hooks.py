from wagtail import hooks

from publications import theme_entries
from publications.models import superseded_publications

# A theme's page lists the current publications tagged with it (themes.entries).
hooks.register("register_theme_entries", theme_entries.publication_entries)
# Search lists a superseded publication after current pages (search.ranking).
hooks.register("register_superseded_pages", superseded_publications)
