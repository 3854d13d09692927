"""Site-wide settings editors manage in Settings › Site settings."""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Locale, Site

from core.visibility import is_visible
from i18n.languages import WELSH, in_reader_language
from i18n.nation import Nation, NationMixin


class HelplineBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=120, help_text=_("For example 'National Domestic Abuse Helpline'."))
    number = blocks.CharBlock(
        max_length=40, help_text=_("Phone number as readers dial it, such as '0808 2000 247'.")
    )
    hours = blocks.CharBlock(required=False, max_length=120, help_text=_("For example '24 hours a day'."))
    text_number = blocks.CharBlock(
        required=False, max_length=40, help_text=_("Number readers can text, if any.")
    )
    description = blocks.CharBlock(required=False, max_length=250, help_text=_("Who the line is for."))
    name_cy = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("name in Welsh"),
        help_text=_("Only where Welsh is offered. Leave blank to show the English name."),
    )
    hours_cy = blocks.CharBlock(
        required=False, max_length=120, label=_("hours in Welsh"), help_text=_("For example '24 awr y dydd'.")
    )
    description_cy = blocks.CharBlock(
        required=False, max_length=250, label=_("who the line is for, in Welsh")
    )

    class Meta:
        icon = "help"


class SocialLinkBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=60, help_text=_("The service's name, such as 'Facebook'."))
    url = blocks.URLBlock(help_text=_("The partnership's page on that service."))

    class Meta:
        icon = "link"


# Pages chosen in the settings and linked from every page: the footer's, in order, and
# "cover your tracks" beside Exit this page.
FOOTER_PAGES = ("accessibility_page", "privacy_page", "cookies_page", "contact_page")
CHOSEN_PAGES = (*FOOTER_PAGES, "cover_tracks_page")


class KeptSiteSetting(BaseSiteSetting):
    """A site setting that anonymous readers' requests read from the page cache, kept as
    fragments are (ops/fragment_cache.py): saving any setting empties it, and it is
    never kept past the next change, so a reader never sees an old setting or a chosen
    page that has since come down. Editors, previews and sessions read the database."""

    class Meta:
        abstract = True

    @classmethod
    def for_request(cls, request):
        attr_name = cls.get_cache_attr_name()
        if request is None or hasattr(request, attr_name):
            return super().for_request(request)
        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)
        from ops.fragment_cache import kept

        instance = kept(request, f"setting:{cls._meta.label_lower}", [site.pk], lambda: cls.for_site(site))
        instance._request = request  # as Wagtail does, for page URLs relative to the request
        setattr(request, attr_name, instance)
        return instance


@register_setting(icon="cog")
class SiteSettings(NationMixin, KeptSiteSetting):
    nation = models.CharField(
        _("nation"),
        max_length=10,
        choices=Nation.choices,
        default=Nation.ENGLAND,
        help_text=_(
            "Where the partnership is. Wales turns on the Welsh site at /cy/ and sets the "
            "Welsh defaults: new reviews are Single Unified Safeguarding Reviews, Live Fear "
            "Free is the first helpline and the local NHS body is a Local Health Board."
        ),
    )
    organisation_name = models.CharField(
        _("organisation name"),
        max_length=120,
        default="Community Safety Partnership",
        help_text=_("Shown in the header, page titles and the footer."),
    )
    organisation_name_cy = models.CharField(
        _("organisation name in Welsh"),
        max_length=120,
        blank=True,
        help_text=_("Only where Welsh is offered: the name shown on Welsh pages."),
    )
    contact_email = models.EmailField(
        _("contact email"), blank=True, help_text=_("The public inbox for questions and accessible formats.")
    )
    contact_phone = models.CharField(
        _("contact phone"),
        max_length=40,
        blank=True,
        help_text=_("The public phone number, as readers dial it."),
    )
    exit_page_url = models.URLField(
        _("'Exit this page' destination"),
        default="https://www.bbc.co.uk/weather",
        help_text=_("A neutral website that 'Exit this page' opens instead of this site."),
    )
    helplines = StreamField(
        [("helpline", HelplineBlock())],
        blank=True,
        verbose_name=_("helplines"),
        help_text=_(
            "Shown on domestic abuse pages and wherever an editor adds the helplines block. "
            "While this is empty, the national helplines for the nation are shown."
        ),
    )
    social_links = StreamField(
        [("link", SocialLinkBlock())],
        blank=True,
        verbose_name=_("social media links"),
        help_text=_("Plain links in the footer. No social media scripts are loaded."),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accessibility statement"),
        help_text=_("The accessibility statement, linked from every page's footer."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy notice"),
        help_text=_("The privacy notice, linked from every page's footer."),
    )
    cookies_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cookies page"),
        help_text=_("The page explaining cookies, linked from every page's footer."),
    )
    contact_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("contact page"),
        help_text=_("The contact page, linked from every page's footer."),
    )
    cover_tracks_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("'cover your tracks' page"),
        help_text=_("The page on clearing browser history, linked beside 'Exit this page'."),
    )

    select_related = list(CHOSEN_PAGES)

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("nation"),
                    FieldPanel("organisation_name"),
                    FieldPanel("organisation_name_cy"),
                    MultiFieldPanel(
                        [
                            FieldPanel("contact_email"),
                            FieldPanel("contact_phone"),
                        ],
                        heading=_("Contact"),
                    ),
                ],
                heading=_("Organisation"),
            ),
            ObjectList(
                [FieldPanel("exit_page_url"), FieldPanel("cover_tracks_page"), FieldPanel("helplines")],
                heading=_("Reader safety"),
            ),
            ObjectList(
                [
                    FieldPanel("accessibility_page"),
                    FieldPanel("privacy_page"),
                    FieldPanel("cookies_page"),
                    FieldPanel("contact_page"),
                    FieldPanel("social_links"),
                ],
                heading=_("Footer"),
            ),
        ]
    )

    class Meta:
        app_label = "home"  # kept when the code moved to core (home.apps)
        verbose_name = _("site settings")

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.welsh_offered:
            # Welsh content needs its locale; editors then see "Translate" in the admin.
            Locale.objects.get_or_create(language_code=WELSH)

    def _pages_for_reader(self):
        """The chosen pages (footer links and 'cover your tracks'), each in the reader's
        language where translated: one query for all of them, none in English."""
        locale_key = translation.get_language()
        cached = getattr(self, "_pages_for_reader_cache", {})
        if locale_key not in cached:
            chosen = {name: getattr(self, name) for name in CHOSEN_PAGES}
            visible = {name: page for name, page in chosen.items() if is_visible(page)}
            shown = dict(zip(visible, in_reader_language(visible.values()), strict=True))
            cached[locale_key] = shown
            self._pages_for_reader_cache = cached
        return cached[locale_key]

    @property
    def footer_pages(self):
        """The footer's fixed links, in order and in the reader's language where translated,
        skipping any not chosen or that a reader may not see."""
        pages = self._pages_for_reader()
        return [pages[name] for name in FOOTER_PAGES if name in pages]

    @property
    def cover_tracks_page_for_reader(self):
        return self._pages_for_reader().get("cover_tracks_page")

    @property
    def privacy_page_for_reader(self):
        return self._pages_for_reader().get("privacy_page")
