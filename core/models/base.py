"""Behaviour every public page shares: a summary, content-review dates, the "Exit this
page" flag, and routing that lets a page that has come down answer for itself. Page
classes inherit ``BasePage`` rather than copying fields."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.blocks import StreamValue
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from core import search_text, visibility
from core.blocks import DocumentListBlock
from core.page_permissions import LISTED_PERMISSIONS, PagePermissions

REVIEW_INTERVAL = datetime.timedelta(days=365)


def today():
    return timezone.localdate()


def a_year_from_today():
    return timezone.localdate() + REVIEW_INTERVAL


class SummaryMixin(models.Model):
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_(
            "One or two plain sentences saying what the page is for. Shown in listings, "
            "search results and to search engines. Up to 300 characters."
        ),
    )

    class Meta:
        abstract = True


class ReviewDatesMixin(models.Model):
    last_reviewed = models.DateField(
        _("last reviewed"),
        default=today,
        help_text=_("When someone last checked this page was accurate."),
    )
    next_review_due = models.DateField(
        _("next review due"),
        default=a_year_from_today,
        help_text=_(
            "When the page should next be checked. Overdue pages stay published and show "
            "on the dashboard. Usually a year after the last review."
        ),
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.last_reviewed and self.next_review_due and self.next_review_due <= self.last_reviewed:
            raise ValidationError({"next_review_due": _("The next review must be after the last review.")})


class ExitButtonMixin(models.Model):
    show_exit_button = models.BooleanField(
        _("show 'Exit this page'"),
        default=False,
        help_text=_(
            "Adds the 'Exit this page' button, which takes readers to a neutral website at "
            "once. Pages about domestic abuse always show it."
        ),
    )
    always_show_exit_button = False

    class Meta:
        abstract = True

    @property
    def exit_this_page_enabled(self):
        return self.always_show_exit_button or self.show_exit_button


class BasePage(SummaryMixin, ReviewDatesMixin, ExitButtonMixin, Page):
    """Abstract base for every page type on the site."""

    # Title (boost 2, from Page) ranks above summary, summary above body text.
    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=1.5),
        index.AutocompleteField("summary"),
        index.SearchField("search_document_text"),
    ]

    content_panels = Page.content_panels + [FieldPanel("summary")]
    governance_panels = [
        MultiFieldPanel(
            [FieldPanel("last_reviewed"), FieldPanel("next_review_due")],
            heading=_("Content review"),
        ),
        FieldPanel("show_exit_button"),
    ]
    promote_panels = Page.promote_panels
    settings_panels = Page.settings_panels + governance_panels

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # wagtail-localize fills the gaps in a language's tree with placeholders: aliases of
        # the page in another language (its text in English under /cy/), which Wagtail keeps
        # live while their source is. A placeholder is never live: a page goes live in
        # Welsh only as a translation a moderator has published. (Checked on every save of
        # an alias, whatever this copy says: wagtail-localize's "Convert to alias page"
        # saves the content live from one copy, then ``alias_of`` alone from another.)
        if self.alias_of_id is not None and self._is_placeholder():
            self.live = False
            self.has_unpublished_changes = True
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = [*kwargs["update_fields"], "live", "has_unpublished_changes"]
        return super().save(*args, **kwargs)

    def permissions_for_user(self, user):
        # The explorer hands each row one tester for the request it renders
        # (core/explorer.py): Wagtail asks about ten times a row, each time working out
        # the user's permissions on the page anew.
        listed = self.__dict__.get(LISTED_PERMISSIONS)
        if listed is not None and listed.user is user:
            return listed
        return PagePermissions(user, self)

    @property
    def current_workflow_task(self):
        # Wagtail's reads the task's own row (``task.specific``) again for every page in
        # moderation, e.g. for each row of the explorer; the deferred form reads nothing
        # until a field of the task's own type is used (a group approval task has none).
        state = self.current_workflow_task_state
        return state.task.specific_deferred if state else None

    def _is_placeholder(self):
        source_locale_id = (
            Page.objects.filter(pk=self.alias_of_id).values_list("locale_id", flat=True).first()
        )
        return source_locale_id is not None and source_locale_id != self.locale_id

    def route(self, request, path_components):
        # A page that has come down answers, live or not, for its own address and every
        # address below it; ``core.wagtail_hooks`` then gives its "gone" response. Anything
        # else a reader may not see is refused there too (core.visibility).
        if visibility.verdict(self) is visibility.Verdict.GONE:
            return RouteResult(self)
        return super().route(request, path_components)

    def serve_gone(self, request):
        """The response for a page that has come down (``Verdict.GONE``). Page types whose
        section gives that verdict define their own 410 page; anything else is not found."""
        raise Http404

    def get_meta_description(self):
        return self.search_description or self.summary

    def search_document_text(self):
        """Text of the documents listed in the page's ``body``, so search finds words in them.

        Page types that hold documents elsewhere override this (and keep the search field),
        and fit their documents' text in the index with ``core.search_text.fit``.
        """
        body = getattr(self, "body", None)
        texts = []
        for block in body if isinstance(body, StreamValue) else []:
            if isinstance(block.block, DocumentListBlock):
                documents = [item["document"] for item in block.value["documents"]]
                texts += [document.text_content for document in documents if document]
        return search_text.fit(texts)
