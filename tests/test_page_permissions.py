"""core.page_permissions answers "may this user delete this page?" as Wagtail does, with
no query for a page without children. Compared with Wagtail's own answer for each group
and kind of page; fails if Wagtail's rule changes."""

import inspect
from importlib.metadata import version

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PagePermissionTester

from core.page_permissions import PagePermissions, annotate_subtree_live
from dhr.models import ReviewPage
from tests.dhr.builders import make_index, make_review

GROUPS = ["Editors", "Moderators", "Copy request handlers"]


def test_wagtails_delete_rule_is_the_one_copied():
    assert version("wagtail") == "7.4.4"
    source = " ".join(inspect.getsource(PagePermissionTester.can_delete).split())
    for rule in [
        'if ( "bulk_delete" not in self.permissions and not self.page.is_leaf() and not ignore_bulk ): return False',
        'if "change" in self.permissions:',
        'if "publish" not in self.permissions: pages_to_delete = self.page.get_descendants(inclusive=True) '
        "if pages_to_delete.live().exists(): return False return True",
        'elif "add" in self.permissions:',
        "return not pages_to_delete.exclude(owner=self.user).exists()",
        "return not pages_to_delete.exclude(live=False, owner=self.user).exists()",
    ]:
        assert rule in source, rule


@pytest.mark.parametrize("group", GROUPS)
def test_delete_answers_are_wagtails(home_page, django_user_model, group):
    user = django_user_model.objects.create_user("someone", "someone@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    index = make_index(home_page)
    pages = [
        index,  # has children
        make_review(index, "Live", documents=False),
        make_review(index, "Draft", publish=False, documents=False),
        make_review(index, "Own draft", publish=False, documents=False, owner=user),
        make_review(index, "Own live", documents=False, owner=user),
    ]
    annotated = {page.pk: page for page in annotate_subtree_live(type(index).objects.filter(pk=index.pk))}
    annotated.update({page.pk: page for page in annotate_subtree_live(ReviewPage.objects.child_of(index))})
    answers = []
    for page in pages:
        read_with_subtree = annotated[page.pk].permissions_for_user(user)
        for ignore_bulk in (False, True):
            assert read_with_subtree.can_delete(ignore_bulk) == PagePermissionTester(user, page).can_delete(
                ignore_bulk
            ), (page.title, ignore_bulk, "annotated")
        ours = page.permissions_for_user(user)
        assert isinstance(ours, PagePermissions)
        wagtails = PagePermissionTester(user, page)
        for ignore_bulk in (False, True):
            assert ours.can_delete(ignore_bulk) == wagtails.can_delete(ignore_bulk), (page.title, ignore_bulk)
        answers.append(ours.can_delete())
    if group == "Editors":
        # Editors may not delete what is live, nor anything they cannot publish below it.
        assert answers == [False, False, True, True, False]


def test_a_page_without_children_is_answered_without_a_query(home_page, django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    review = make_review(make_index(home_page), "Live", documents=False)
    permissions = review.permissions_for_user(user)
    with CaptureQueriesContext(connection) as queries:
        assert not permissions.can_delete()
    assert len(queries) == 0


def test_a_row_read_with_its_subtree_is_answered_without_a_query(home_page, django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@example.org", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    index = make_index(home_page)
    make_review(index, "Draft", publish=False, documents=False)
    row = annotate_subtree_live(type(index).objects.filter(pk=index.pk)).get()
    permissions = row.permissions_for_user(user)
    with CaptureQueriesContext(connection) as queries:
        assert not permissions.can_delete(ignore_bulk=True)  # the section itself is live
    assert len(queries) == 0
