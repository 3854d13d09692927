"""The demo's content files follow the rules in demo/content.py."""

import pytest

from demo import content


def test_rich_text_is_paragraphs_with_html_as_written():
    text = "One line\nwrapped.\n\n<h3>A heading</h3>\n\nA list:\n\n<ul>\n<li>first</li>\n<li><b>second</b></li>\n</ul>\n"
    assert content.html(text) == (
        "<p>One line wrapped.</p><h3>A heading</h3><p>A list:</p><ul><li>first</li><li><b>second</b></li></ul>"
    )


def test_a_paragraph_starting_with_an_inline_tag_is_still_a_paragraph():
    assert (
        content.html("<b>Prevent</b> <b>Pursue</b>\nand more")
        == "<p><b>Prevent</b> <b>Pursue</b> and more</p>"
    )


def test_placeholders_are_variables_and_an_unknown_one_fails():
    assert (
        content.substitute("Millshire {nhs_body}, {x} {a-b}", {"nhs_body": "ICB", "x": 1})
        == "Millshire ICB, 1 {a-b}"
    )
    with pytest.raises(KeyError):
        content.substitute("{missing}", {})


def test_every_page_file_is_listed_in_site_toml():
    content.check_manifest()
    for path in content.page_paths():
        assert "type" in content.page(path), path
