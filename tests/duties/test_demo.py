"""The duties demo content is valid, complete and safe to load again."""

import pytest
from django.core.management import call_command
from wagtail.models import Page

from duties.models import (
    DutyPage,
    DutyRelatedWorkstream,
    StrategyDocument,
    WorkstreamPage,
    WorkstreamRelatedPage,
)

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("pk", "url_path", "live", "show_in_menus")),
        "strategies": sorted(
            StrategyDocument.objects.values_list("page__slug", "sort_order", "title", "status")
        ),
        "related": sorted(WorkstreamRelatedPage.objects.values_list("page__slug", "related_page__slug")),
        "duty_links": sorted(DutyRelatedWorkstream.objects.values_list("page__slug", "workstream__slug")),
    }


def test_loading_twice_gives_the_same_tree(demo_site):
    first = snapshot()
    call_command("load_demo_content", verbosity=0)

    assert snapshot() == first
    assert len(first["strategies"]) == 6


def test_sections_are_in_the_menu_and_on_the_home_page(demo_site):
    home = demo_site.root_page.specific
    in_menu = set(home.get_children().in_menu().values_list("slug", flat=True))
    assert {"statutory-duties", "workstreams"} <= in_menu
    featured = [block.value["page"].slug for block in home.featured_sections]
    assert {"statutory-duties", "workstreams"} <= set(featured)


def test_every_demo_page_and_strategy_is_valid(demo_site):
    for page in [*DutyPage.objects.all(), *WorkstreamPage.objects.all()]:
        page.full_clean()
    for strategy in StrategyDocument.objects.all():
        strategy.full_clean()


def test_every_workstream_points_to_section_17(demo_site):
    duty = DutyPage.objects.get(slug="section-17")
    assert set(WorkstreamPage.objects.values_list("related_duty", flat=True)) == {duty.pk}
    assert WorkstreamPage.objects.count() == 4
