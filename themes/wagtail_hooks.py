"""The themes' place in the admin: a snippet Editors and Moderators manage, which is not
deleted while anything uses it."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from themes.models import Theme, ThemeIndexPage


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


register_snippet(ThemeViewSet)


@hooks.register("before_delete_snippet")
def refuse_to_delete_themes_in_use(request, instances):
    """A theme in use stays: deleting it would take it off reviews (and their published
    pages) without anyone choosing to. Say so and send the editor back."""
    if not instances or not isinstance(instances[0], Theme):
        return None
    in_use = [theme for theme in instances if theme.uses()]
    if not in_use:
        return None
    names = ", ".join(theme.name for theme in in_use)
    messages.error(
        request,
        ngettext(
            "The theme %(names)s is used by reviews or recommendations, so it cannot be "
            "deleted. Take it off each of them first (edit and publish each one), then delete it.",
            "The themes %(names)s are used by reviews or recommendations, so they cannot be "
            "deleted. Take them off each of them first (edit and publish each one), then delete them.",
            len(in_use),
        )
        % {"names": names},
    )
    return redirect("wagtailsnippets_themes_theme:list")


@hooks.register("register_sitemap_subpages")
def theme_pages_in_the_sitemap(pages, request):
    """Each theme's page, after its themes index, in the sitemap (one query)."""
    from django.contrib.contenttypes.models import ContentType

    content_type_id = ContentType.objects.get_for_model(ThemeIndexPage).pk
    indexes = [page for page in pages if page.content_type_id == content_type_id]
    if not indexes:
        return {}
    slugs = {}
    for theme in Theme.objects.filter(locale_id__in={index.locale_id for index in indexes}).order_by("slug"):
        slugs.setdefault(theme.locale_id, []).append(theme.slug)
    found = {}
    for index in indexes:
        url = index.get_full_url(request)
        found[index.pk] = [
            {"location": f"{url}{slug}/", "lastmod": index.last_published_at}
            for slug in slugs.get(index.locale_id, [])
        ]
    return found
