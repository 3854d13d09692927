"""What only a browser shows in the admin: Wagtail's schedule dialog keeps its "Save
schedule" button free of the date picker (core/static/core/admin.js)."""

import os
import re
import subprocess
import sys

import pytest

from .conftest import ROOT, _free_port, _require_chromium, serve

USER, PASSWORD = "browser-admin", "browser-test-only"


@pytest.fixture(scope="module")
def admin_url(tmp_path_factory):
    """A server with the England demo and one administrator, signed in by the tests."""
    _require_chromium()
    workdir = tmp_path_factory.mktemp("admin")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cspsite.settings.test",
        "DATABASE_URL": f"sqlite:///{workdir / 'admin.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_SUPERUSER_PASSWORD": PASSWORD,
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (
        ["migrate", "--noinput", "-v0"],
        ["load_demo_content", "--nation", "england", "-v0"],
        ["createsuperuser", "--noinput", "--username", USER, "--email", "admin@example.org"],
    ):
        subprocess.run(manage + command, env=env, cwd=ROOT, check=True, capture_output=True)
    port = _free_port()
    yield from serve(
        manage + ["runserver", f"127.0.0.1:{port}", "--noreload"], env, port, workdir / "server.log"
    )


@pytest.fixture
def admin_page(browser, admin_url):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(admin_url + "/admin/login/")
    page.fill("#id_username", USER)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(admin_url + "/admin/")
    yield page
    context.close()


def open_schedule_dialog(page, edit_url):
    page.goto(edit_url)
    # The admin's scripts (the date picker's among them) are set up once the page is idle.
    page.wait_for_load_state("networkidle")
    page.locator("button[data-side-panel-toggle='status']").click()
    page.get_by_role("button", name=re.compile("(Set|Edit) schedule")).first.click()
    dialog = page.locator("#schedule-publishing-dialog")
    dialog.wait_for()
    return dialog


def first_edit_url(page, admin_url, listing):
    """The first live page's edit screen in that admin listing (a scheduled page is
    locked, with no schedule to edit)."""
    page.goto(admin_url + listing)
    live = page.locator("main tr").filter(has_text=re.compile(r"\blive\b", re.I))
    return admin_url + live.locator("a[href*='/edit/']").first.get_attribute("href")


@pytest.mark.parametrize(
    "listing, fields",
    [
        # A review: go-live only (it comes down on its own).
        ("/admin/reports/dhr-publication/", ["go_live_at"]),
        # A standard page: go-live and expiry.
        ("/admin/pages/search/?q=contact", ["go_live_at", "expire_at"]),
    ],
)
def test_the_date_picker_leaves_save_schedule_clickable(admin_page, admin_url, listing, fields):
    page = admin_page
    dialog = open_schedule_dialog(page, first_edit_url(page, admin_url, listing))
    save = dialog.get_by_role("button", name="Save schedule")
    for field in fields:
        dialog.locator(f"input[name='{field}']").click()
        picker = dialog.locator(".xdsoft_datetimepicker").locator("visible=true")
        picker.wait_for(timeout=30_000)  # a loaded CI machine can be slow to open it
        page.wait_for_timeout(200)  # the picker is placed just after it opens
        page.screenshot(path=str(ROOT / "test-artifacts" / f"schedule-dialog-{len(fields)}-{field}.png"))
        box, button = picker.bounding_box(), save.bounding_box()
        assert box["y"] + box["height"] <= button["y"] or box["y"] >= button["y"] + button["height"]
        # And nothing else covers it: Playwright's trial click checks what a click would hit.
        save.click(trial=True, timeout=2_000)
        # Leaving the field closes its picker. Not with Tab: that would focus the next
        # date field and open its picker before the next round clicks it.
        page.evaluate("document.activeElement.blur()")
        picker.wait_for(state="hidden")


@pytest.mark.parametrize("path", ["/contact/", "/domestic-homicide-reviews/"])
def test_wagtails_checker_finds_nothing_on_pages_with_the_helplines(admin_page, admin_url, path):
    """The editor's Checks panel runs Wagtail's accessibility checker on the preview; the
    helplines (a block on /contact/, beside every DHR page) mark their names as headings,
    so it reports no "paragraphs as headings" an editor could not fix."""
    page = admin_page
    page.goto(admin_url + path)  # signed in: Wagtail's user bar links to the edit screen
    edit = page.locator("wagtail-userbar a[href$='/edit/']").first.get_attribute("href")
    page.goto(admin_url + "/admin/" + edit.split("/admin/", 1)[1])
    page.locator("button[data-side-panel-toggle='checks']").click()
    panel = page.locator("[data-side-panel='checks']")
    # The word count fills in once the checks have run on the preview.
    page.wait_for_function(
        "() => /\\d/.test(document.querySelector('[data-side-panel=checks] [data-content-word-count]')?.textContent || '')"
    )
    page.wait_for_timeout(500)
    found = panel.locator("[data-checks-panel]").inner_text()
    assert panel.locator("[data-content-checker-count]").inner_text() == "0", found
