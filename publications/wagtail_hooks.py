from wagtail import hooks

from publications import theme_entries

# A theme's page lists the current publications tagged with it (themes.entries).
hooks.register("register_theme_entries", theme_entries.publication_entries)
