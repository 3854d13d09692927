"""Admin and serving hooks for the DHR section."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from dhr.models import ReviewPage


@hooks.register("before_serve_document")
def serve_review_documents_only_while_published(document, request):
    """A document attached to a review downloads only while that review is live and not
    past its come-down date: never before it goes live, never after, whatever link is used.

    Signed-in editors can still open it, to check a draft or an aged review.
    """
    reviews = list(ReviewPage.objects.filter(documents__document=document).distinct())
    if not reviews:
        return None
    if any(review.live and not review.is_expired() for review in reviews):
        return None
    if request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin"):
        return None
    gone = [review for review in reviews if review.is_gone()]
    if gone:
        return gone[0].serve_gone(request)
    raise Http404(_("This document is not published."))
