"""Learning themes, shared by the sections, and the page that lists them.

A ``Theme`` is a snippet editors manage (one per language, linked by wagtail-localize).
A theme's public page, served by ``ThemeIndexPage`` at ``<index>/<slug>/``, shows its
description and what each section lists for it (``themes.entries``).
"""

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import TranslatableMixin
from wagtail.search import index

from core.models import BasePage
from themes.entries import entries_for


class Theme(TranslatableMixin, models.Model):
    name = models.CharField(
        _("name"),
        max_length=80,
        help_text=_("A few plain words readers will recognise, such as 'Coercive control'."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        allow_unicode=True,
        help_text=_(
            "The last part of the theme page's web address, such as 'coercive-control'. Lower "
            "case letters, numbers and hyphens."
        ),
    )
    description = models.TextField(
        _("description"),
        max_length=600,
        help_text=_(
            "One or two sentences for the public, saying what the theme covers and why it "
            "matters, in words a reader who is not a practitioner understands."
        ),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="themes_theme_unique_slug_per_language")
        ]

    def __str__(self):
        return self.name

    def uses(self):
        """How many things point at this theme, of any app (the base names none): reviews
        tagged with it, recommendations about it. A theme in use is not deleted."""
        count = 0
        for relation in self._meta.related_objects:
            if relation.many_to_many:
                accessor = getattr(self, relation.get_accessor_name())
                count += accessor.count()
            elif relation.one_to_many:
                count += relation.related_model._default_manager.filter(**{relation.field.name: self}).count()
        return count


class ThemeIndexPage(RoutablePageMixin, BasePage):
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_(
            "Optional. A short paragraph above the list of themes: what a theme is and what "
            "readers find on each theme's page."
        ),
    )

    template = "pages/theme_index_page.html"
    theme_template = "pages/theme_page.html"
    max_count = 1
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [index.SearchField("intro")]
    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("themes index")

    def themes(self):
        return Theme.objects.filter(locale_id=self.locale_id)

    def theme_url(self, theme):
        return self.url + self.reverse_subpage("theme", args=[theme.slug])

    @path("", name="index")
    def index_route(self, request):
        themes = [(theme, self.theme_url(theme)) for theme in self.themes()]
        return self.render(request, context_overrides={"theme_links": themes})

    @path("<str:slug>/", name="theme")
    def theme_route(self, request, slug):
        theme = self.themes().filter(slug=slug).first()
        if theme is None:
            raise Http404(_("There is no such theme."))
        return self.render(
            request,
            template=self.theme_template,
            context_overrides={"theme": theme, "sections": entries_for(theme, request)},
        )
