"""Atom feeds of a section's pages and their public change notes.

A section's listing page serves its feed (``SectionFeed``), giving the pages a reader may
see now: the feed asks ``core.visibility`` at request time, like every listing, so a page
that has come down and its change notes leave the feed at that moment, whether or not
``publish_scheduled`` has run; the page cache keeps it no longer than any page
(``ops.caching``). Two queries whatever the number of pages: the visible pages, and the
latest notes of those pages.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from core.models import ChangeNote, SiteSettings
from core.visibility import filter_visible

MAX_ENTRIES = 50


@dataclass(frozen=True)
class Entry:
    title: str
    url: str
    summary: str
    published: datetime
    guid: str


class SectionFeed(Feed):
    """The feed of the pages ``section.feed_pages()`` lists (a queryset of one page
    type); served by the section's page from its ``feed/`` address."""

    feed_type = Atom1Feed

    def __init__(self, section):
        super().__init__()
        self.section = section

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.entries = self.build_entries(request, timezone.now())
        return self.section

    def build_entries(self, request, at):
        pages = filter_visible(self.section.feed_pages(), at)
        shown = list(
            pages.only(
                "title", "url_path", "translation_key", "first_published_at", "summary", "locale_id"
            ).order_by("-first_published_at", "-pk")
        )
        by_key = {page.translation_key: page for page in shown}
        notes = ChangeNote.objects.filter(translation_key__in=pages.values("translation_key")).only(
            "translation_key", "published_at", "note"
        )[:MAX_ENTRIES]
        entries = [self.page_entry(request, page) for page in shown[:MAX_ENTRIES] if page.first_published_at]
        entries += [self.note_entry(request, by_key[note.translation_key], note) for note in notes]
        entries.sort(key=lambda entry: entry.published, reverse=True)
        return entries[:MAX_ENTRIES]

    @staticmethod
    def page_entry(request, page):
        url = page.get_full_url(request)
        return Entry(page.title, url, page.summary, page.first_published_at, url)

    @staticmethod
    def note_entry(request, page, note):
        url = page.get_full_url(request)
        title = _("Updated: %(title)s") % {"title": page.title}
        return Entry(str(title), f"{url}#updates", note.note, note.published_at, f"{url}#update-{note.pk}")

    def title(self, obj):
        return obj.title

    def subtitle(self, obj):
        return obj.summary

    def link(self, obj):
        return obj.get_full_url(self.request)

    def author_name(self, obj):
        return SiteSettings.for_request(self.request).display_name

    def items(self, obj):
        return self.entries

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        return item.guid

    def item_pubdate(self, item):
        return item.published

    def item_updateddate(self, item):
        return item.published


class FeedMixin(RoutablePageMixin):
    """A listing page with an Atom feed at ``feed/`` of the pages ``feed_pages()`` returns
    (before visibility: the feed keeps those a reader may see). Its template puts
    ``components/feed_link.html`` in the ``head_links`` block."""

    def feed_pages(self):
        raise NotImplementedError

    @path("feed/", name="feed")
    def feed(self, request):
        return SectionFeed(self)(request)

    @property
    def feed_url(self):
        return self.url + self.reverse_subpage("feed")
