"""With Welsh on, each row of the page explorer offers wagtail-localize's "Translate this
page" and "Sync translated pages" exactly as wagtail-localize would, read from the
listing's annotations instead of two to four queries a row."""

from wagtail.models import Page
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.operations import TranslationCreator

from i18n.localize_internals import annotate_translation_state, explorer_translation_buttons
from tests.dhr.builders import make_index, make_review
from tests.welsh import log_in_as, offer_welsh, translate, welsh_home


def buttons(found):
    return [(str(button.label), button.url) for button in found]


def test_explorer_rows_offer_what_wagtail_localize_offers(client, home_page, site_settings):
    welsh = offer_welsh(site_settings)
    welsh_home(home_page, welsh)
    index = make_index(home_page)
    untranslated = make_review(index, "Alex", documents=False)
    by_hand = make_review(index, "Sam", documents=False)
    synced = make_review(index, "Jo", documents=False)
    translate(by_hand, welsh, publish=False)
    editor = log_in_as(client, "Editors", "buttons-editor")
    TranslationCreator(editor, [welsh]).create_translations(synced)

    rows = annotate_translation_state(Page.objects.child_of(index).specific())
    offered = {row.pk: buttons(explorer_translation_buttons(row, editor, next_url="/admin/")) for row in rows}
    for row in rows:
        assert offered[row.pk] == buttons(
            localize_hooks.page_listing_more_buttons(row, editor, next_url="/admin/")
        )
    assert [label for label, _url in offered[untranslated.pk]] == ["Translate this page"]
    assert offered[by_hand.pk] == []
    assert [label for label, _url in offered[synced.pk]] == ["Sync translated pages"]

    response = client.get(f"/admin/pages/{index.pk}/")
    page = response.content.decode()
    assert page.count("Translate this page") == 1 + 1  # Alex's row, and the section's own header
    assert offered[synced.pk][0][1].replace("&", "&amp;") in page

    # Searching the section lists the same buttons.
    found = client.get(f"/admin/pages/{index.pk}/?q=Alex")
    assert found.status_code == 200
    assert "Translate this page" in found.content.decode()


def test_explorer_rows_offer_no_translation_in_england(client, home_page):
    index = make_index(home_page)
    make_review(index, "Alex", documents=False)
    log_in_as(client, "Editors", "buttons-editor")
    response = client.get(f"/admin/pages/{index.pk}/")
    assert "Translate this page" not in response.content.decode()
