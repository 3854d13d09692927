"""Wagtail's page permissions, asked without a query per row of a listing.

``PagePermissionTester.can_delete`` checks whether any page it would delete (the page and
its descendants) is live, or owned by someone else, with one query each time it is asked.
The page explorer asks it twice for every row (the row's "Delete" item and its bulk-action
box). A page with no children is the whole set of pages it would delete, so its own
``live`` and ``owner`` answer the same question: ``PagePermissions`` reads them and leaves
pages with children to Wagtail, except where the page was read with
``annotate_subtree_live`` (the explorer's rows): then whether anything in its subtree is
live was read in the same query, which is all Wagtail's rule needs from the database for
a user who may change but not publish. The rules are Wagtail's, unchanged;
tests/test_page_permissions.py compares both answers for every group and fails if
Wagtail's method changes.
"""

from django.db.models import BooleanField, Case, Exists, F, OuterRef, When
from wagtail.models import Page, PagePermissionTester

SUBTREE_LIVE = "_cspsite_subtree_live"
# Where a listing keeps a row's tester for the one read-only request that renders it.
LISTED_PERMISSIONS = "_cspsite_listed_permissions"


def annotate_subtree_live(pages):
    """``pages`` with whether each page or any page below it is live."""
    below = Page.objects.filter(path__startswith=OuterRef("path"), live=True)
    # A page with no children is its own subtree: no subquery for the many leaf rows.
    subtree_live = Case(When(numchild=0, then=F("live")), default=Exists(below), output_field=BooleanField())
    return pages.annotate(**{SUBTREE_LIVE: subtree_live})


class PagePermissions(PagePermissionTester):
    def can_delete(self, ignore_bulk=False):
        if (
            hasattr(self.page, SUBTREE_LIVE)
            and not self.page.is_leaf()
            and self.user.is_active
            and not self.user.is_superuser
            and not self.page_is_root
            and "change" in self.permissions
            and "publish" not in self.permissions
        ):
            # Wagtail's rule for a page with children, its live check read with the page.
            if "bulk_delete" not in self.permissions and not ignore_bulk:
                return False
            return not getattr(self.page, SUBTREE_LIVE)
        if not self.page.is_leaf() or self.page_is_root or not self.user.is_active or self.user.is_superuser:
            return super().can_delete(ignore_bulk=ignore_bulk)
        may_publish = "publish" in self.permissions
        if "change" in self.permissions:
            # Without publish permission, nothing live may go.
            return may_publish or not self.page.live
        if "add" in self.permissions:
            # Only one's own pages, and without publish permission only drafts.
            own = self.page.owner_id == self.user.pk
            return own if may_publish else own and not self.page.live
        return False
