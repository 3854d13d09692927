"""Wagtail's page permissions, asked without a query per row of a listing.

``PagePermissionTester.can_delete`` checks whether any page it would delete (the page and
its descendants) is live, or owned by someone else, with one query each time it is asked.
The page explorer asks it twice for every row (the row's "Delete" item and its bulk-action
box). A page with no children is the whole set of pages it would delete, so its own
``live`` and ``owner`` answer the same question: ``PagePermissions`` reads them and leaves
pages with children to Wagtail. The rules are Wagtail's, unchanged;
tests/test_page_permissions.py compares both answers for every group and fails if
Wagtail's method changes.
"""

from wagtail.models import PagePermissionTester


class PagePermissions(PagePermissionTester):
    def can_delete(self, ignore_bulk=False):
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
