"""Every page type: an editor can preview it (a review before approval too), and the
admin refuses to create it anywhere but its place in the page tree."""

from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Page, get_page_models
from wagtail.test.utils import WagtailPageTestCase

from core.models import BasePage
from dhr.models import DHRIndexPage, RequestCopyFormPage, ReviewPage
from duties.models import DutyIndexPage, DutyPage, WorkstreamIndexPage, WorkstreamPage
from home.models import HomePage, StandardPage
from publications.models import PublicationIndexPage, PublicationPage

OUR_APPS = {"home", "dhr", "duties", "publications"}


def our_page_models():
    return [model for model in get_page_models() if model._meta.app_label in OUR_APPS]


class PageTypeTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", verbosity=0)
        cls.editor = cls.create_user("page-type-editor")
        cls.editor.groups.add(Group.objects.get(name="Editors"))

    def test_every_page_type_derives_from_base_page(self):
        for model in our_page_models():
            with self.subTest(model=model.__name__):
                self.assertTrue(issubclass(model, BasePage))

    def assert_editor_can_preview_draft(self, page):
        """An editor saves a draft and opens its preview, as from the page's history."""
        revision = page.save_revision(user=self.editor)
        self.client.force_login(self.editor)
        response = self.client.get(f"/admin/pages/{page.pk}/revisions/{revision.pk}/view/")
        self.assertEqual(response.status_code, 200, f"preview of {type(page).__name__} failed")
        self.assertContains(response, page.title.replace("'", "&#x27;"))
        return response

    def test_every_page_type_has_a_demo_page_an_editor_can_preview(self):
        for model in our_page_models():
            with self.subTest(model=model.__name__):
                page = model.objects.order_by("path").first()
                self.assertIsNotNone(page, f"the demo content has no {model.__name__}")
                self.assert_editor_can_preview_draft(page)

    def test_a_review_waiting_for_approval_can_be_previewed(self):
        review = ReviewPage.objects.filter(live=False).first()
        self.assertIsNotNone(review, "the demo content has a review not yet live")
        review.checklist_family_told = False
        response = self.assert_editor_can_preview_draft(review)
        self.assertContains(response, review.pseudonym)

    def test_pages_can_only_be_created_in_their_place(self):
        home = HomePage.objects.get()
        dhr_index = DHRIndexPage.objects.get()
        workstreams = WorkstreamIndexPage.objects.get()
        duties = DutyIndexPage.objects.get()
        allowed = [
            (HomePage, StandardPage),
            (HomePage, DHRIndexPage),
            (DHRIndexPage, ReviewPage),
            (DHRIndexPage, RequestCopyFormPage),
            (HomePage, DutyIndexPage),
            (DutyIndexPage, DutyPage),
            (HomePage, WorkstreamIndexPage),
            (WorkstreamIndexPage, WorkstreamPage),
            (HomePage, PublicationIndexPage),
            (PublicationIndexPage, PublicationPage),
        ]
        for parent, child in allowed:
            with self.subTest(parent=parent.__name__, child=child.__name__):
                self.assertCanCreateAt(parent, child)
        for parent, child in [
            (HomePage, ReviewPage),
            (StandardPage, ReviewPage),
            (WorkstreamIndexPage, ReviewPage),
            (DHRIndexPage, StandardPage),
            (DHRIndexPage, WorkstreamPage),
            (HomePage, WorkstreamPage),
            (DutyIndexPage, WorkstreamPage),
            (HomePage, PublicationPage),
            (DHRIndexPage, PublicationPage),
            (Page, StandardPage),
        ]:
            with self.subTest(parent=parent.__name__, child=child.__name__):
                self.assertCanNotCreateAt(parent, child)
        # A second index or form, and a second home page, are refused.
        self.assertFalse(DHRIndexPage.can_create_at(home))
        self.assertFalse(RequestCopyFormPage.can_create_at(dhr_index))
        self.assertFalse(WorkstreamIndexPage.can_create_at(home))
        self.assertFalse(DutyIndexPage.can_create_at(home))
        self.assertFalse(PublicationIndexPage.can_create_at(home))
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))
        self.assertTrue(WorkstreamPage.can_create_at(workstreams))
        self.assertTrue(DutyPage.can_create_at(duties))

    def test_admin_refuses_a_review_in_the_wrong_place(self):
        self.client.force_login(self.create_superuser("page-type-admin"))
        home = HomePage.objects.get()
        response = self.client.get(f"/admin/pages/add/dhr/reviewpage/{home.pk}/")
        self.assertIn(response.status_code, (302, 403))
        self.assertFalse(ReviewPage.objects.child_of(home).exists())
