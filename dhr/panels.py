"""Editor panels for reviews: the go-live-only schedule and a note of when a review
comes down."""

import datetime

from django.utils import timezone
from wagtail.admin.panels import Panel, PublishingPanel
from wagtail.models import Page

from dhr.publication import comes_down_at


def last_day_online(expire_at):
    """The last whole day a review is online, for an ``expire_at`` at midnight UK time."""
    return timezone.localtime(expire_at - datetime.timedelta(microseconds=1)).date()


class GoLiveOnlyPublishingPanel(PublishingPanel):
    """Wagtail's schedule dialog with only 'Go-live date/time'.

    A review's come-down date is not typed in: it is worked out on publish from the
    publication date and the site's period, or from 'keep online until'."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.children = [child for child in self.children if getattr(child, "field_name", "") != "expire_at"]


class ComesDownPanel(Panel):
    """Tells the editor when the review comes down, or would if published now."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "dhr/panels/comes_down.html"

        def get_context_data(self, parent_context=None):
            from core.models import SiteSettings

            context = super().get_context_data(parent_context)
            review = self.instance
            months = SiteSettings.for_request(self.request).review_publication_months
            now = timezone.now()
            projected = comes_down_at(review, months, now)
            current = review.expire_at if review.live and review.expire_at else None
            context.update(
                {
                    "months": months,
                    "uses_override": bool(review.keep_online_until),
                    "projected_last_day": last_day_online(projected),
                    "projected_has_passed": projected <= now,
                    "current_last_day": last_day_online(current) if current else None,
                    "has_come_down": review.pk is not None and review.is_gone(now),
                }
            )
            return context


def review_settings_panels():
    """Page settings for a review: the go-live schedule, comments and content review dates."""
    from core.models import BasePage

    comments = list(Page.settings_panels[1:])
    return [GoLiveOnlyPublishingPanel()] + comments + BasePage.governance_panels
