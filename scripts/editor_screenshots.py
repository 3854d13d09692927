"""Take the screenshots in docs/editors.md from the running demo site.

Start the demo first (`make run`, which serves http://127.0.0.1:8000 with the local
editor account), then run:

    .venv/bin/python scripts/editor_screenshots.py [--base http://127.0.0.1:8000]

Uses Debian's Chromium through Playwright (no browser download) and writes PNG files to
docs/images/. Run it again after changing the admin or the demo content.
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parents[1] / "docs" / "images"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def page_id(page, base, title_text):
    """The admin id of the page whose explorer row links the given title."""
    page.goto(f"{base}/admin/pages/search/?q={title_text}")
    href = page.locator("a[href*='/admin/pages/'][href$='/edit/']").first.get_attribute("href")
    return href.strip("/").split("/")[-2]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--username", default="editor")
    parser.add_argument("--password", default="local-demo-only")
    args = parser.parse_args()
    base = args.base.rstrip("/")
    OUT.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.goto(f"{base}/admin/login/")
        page.fill("#id_username", args.username)
        page.fill("#id_password", args.password)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/admin/")

        def shot(name, url=None, full_page=False):
            if url:
                page.goto(base + url)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(OUT / f"{name}.png"), full_page=full_page)
            print(f"docs/images/{name}.png")

        shot("dashboard", "/admin/")
        review = page_id(page, base, "Lesley")
        shot("review-edit", f"/admin/pages/{review}/edit/")
        page.get_by_role("tab", name="Before publishing").click()
        shot("review-checklist")
        shot("dhr-publication-report", "/admin/reports/dhr-publication/")
        shot("content-review-report", "/admin/reports/content-review/")
        shot("alert-banner-add", "/admin/snippets/home/alertbanner/add/", full_page=True)
        shot("form-submissions", "/admin/forms/")
        browser.close()


if __name__ == "__main__":
    main()
