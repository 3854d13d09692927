from wagtail import hooks

from publications import theme_entries

# A theme's page lists the current publications tagged with it (themes.entries).
hooks.register("register_theme_entries", theme_entries.publication_entries)


@hooks.register("register_superseded_pages")
def superseded_publications(at):
    """Search lists a superseded publication after current pages (search.demotion)."""
    from publications.models import superseded_publications

    return superseded_publications(at)
