"""When a review may be seen: the DHR section's rules, registered with the base's
visibility (``core.visibility``) in ``dhr.wagtail_hooks``.

- A review and its translations are one review: once any language of it is live past its
  come-down date, every language has come down, whatever ``publish_scheduled`` has done.
- A review has **come down** once it was published and its come-down date has passed,
  whoever or whatever then unpublished it (``ReviewPage.save`` marks a review unpublished
  after its come-down date as expired, as ``publish_scheduled`` does). It answers 410 with
  a short "available on request" page and is listed as available on request.
- A review unpublished **before** its come-down date is withdrawn: it is simply not
  public (404 everywhere, not listed), and stays so after the date passes.
- A review's documents are served only while the review is visible. A document in the
  section's collection (``dhr.moderation``) is private until a visible review uses it,
  so a file uploaded for a review that is not published yet cannot be downloaded.
"""

from django.db.models import Q
from django.utils import timezone

from core.visibility import Verdict, filter_visible
from dhr.moderation import find_review_collection
from i18n.languages import translations_possible


def _review_page():
    from dhr.models import ReviewPage

    return ReviewPage


def live_past_come_down(at=None):
    """Reviews still live in some language past that language's come-down date
    (``publish_scheduled`` has not unpublished them yet)."""
    return _review_page().objects.filter(live=True, expire_at__lte=at or timezone.now())


def come_down_keys(at=None):
    """A subquery: the translation keys of ``live_past_come_down``."""
    return live_past_come_down(at).values("translation_key")


def translations_filter(at):
    """Registered with ``register_visibility_filter``: no language of a review that has
    come down in another language. Where the site has no second language, no review has
    a translation, and the base's own expiry rule is the whole rule."""
    if not translations_possible():
        return Q()
    return ~Q(translation_key__in=come_down_keys(at))


def came_down_q(at=None):
    """A ``Q`` on review (or page) fields: published once and now come down."""
    at = at or timezone.now()
    q = Q(live=True, expire_at__lte=at) | Q(live=False, expired=True)
    if translations_possible():
        q |= Q(live=True, translation_key__in=come_down_keys(at))
    return Q(first_published_at__isnull=False) & q


def has_come_down(page, at=None):
    """``came_down_q`` for one page (a review, as its own type or a plain ``Page``)."""
    if page.first_published_at is None:
        return False
    if not page.live:
        return page.expired
    if page.expire_at is not None and page.expire_at <= (at or timezone.now()):
        return True
    return _translation_came_down(page, at)


def _translation_came_down(page, at):
    if not translations_possible():
        return False
    if at is None and hasattr(page, "_translation_came_down_now"):
        # Routing and serving ask within the same request; one query answers both.
        return page._translation_came_down_now
    answer = live_past_come_down(at).filter(translation_key=page.translation_key).exclude(pk=page.pk).exists()
    if at is None:
        page._translation_came_down_now = answer
    return answer


def review_verdict(page, at):
    """Registered with ``register_page_verdict``: ``GONE`` for a review that has come down;
    anything else is left to the base rule."""
    specific_class = page.specific_class
    if specific_class is None or not issubclass(specific_class, _review_page()):
        return None
    return Verdict.GONE if has_come_down(page, at) else None


def review_document_verdict(document, at):
    """Registered with ``register_document_verdict``: a document used by a review is
    visible while one of its reviews is; a document only in a review's unpublished draft is
    not visible yet, nor is one in the section's collection that no review uses. Other
    documents no review uses are left alone (None)."""
    ReviewPage = _review_page()
    attached = ReviewPage.objects.filter(documents__document=document)
    # Rows for a live review are its published content (drafts of live pages stay in revisions).
    if filter_visible(attached, at).exists():
        return Verdict.VISIBLE, None
    attached = list(attached.distinct())
    if not attached and not _in_review_collection(document) and not _in_unpublished_review_draft(document):
        return None
    come_down = [review for review in attached if has_come_down(review, at)]
    if come_down:
        return Verdict.GONE, come_down[0]
    return Verdict.NOT_FOUND, None


def _in_review_collection(document):
    """True for a document in the section's collection or a collection inside it."""
    collection = find_review_collection()
    return collection is not None and document.collection.path.startswith(collection.path)


def _in_unpublished_review_draft(document):
    """True if the latest draft of a review lists ``document``: a document added to a
    published review's draft is only in the draft revision until the review is published
    again, not yet in the ``ReviewDocument`` table."""
    drafts = _review_page().objects.filter(has_unpublished_changes=True, latest_revision__isnull=False)
    for content in drafts.values_list("latest_revision__content", flat=True):
        items = (content or {}).get("documents") or []
        if any(item.get("document") == document.pk for item in items):
            return True
    return False
