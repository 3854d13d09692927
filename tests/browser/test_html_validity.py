"""Every public page of both demos (England, and Wales with its Welsh pages) is valid
HTML by the Nu HTML checker (vnu-jar from npm, Java from Debian): error pages, search
results and forms sent with errors included."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _require_checker():
    if shutil.which("java") and VNU_JAR.exists():
        return
    reason = "the Nu HTML checker needs Java (default-jre-headless) and vnu-jar (npm ci)"
    if os.environ.get("CI"):
        pytest.fail(reason + "; CI must install them (see .ci/run)")
    pytest.skip(reason)


def nu_errors(pages, workdir):
    """The checker's errors for ``pages``, as "path: line N: message" strings."""
    files = {}
    for number, page in enumerate(pages):
        path = Path(workdir) / f"page-{number}.html"
        path.write_text(page.html)
        files[str(path)] = page.path
    result = subprocess.run(  # noqa: S603 - fixed arguments, our own files
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *sorted(files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    return [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))}: line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]


@pytest.mark.parametrize("site", ["england_url", "live_url"])
def test_every_public_page_is_valid_html(public_pages, tmp_path, site):
    _require_checker()
    pages = public_pages(site)
    statuses = {page.status for page in pages}
    # The crawl reached the kinds of page it is meant to check.
    assert len(pages) >= 25
    assert {200, 400, 404, 410} <= statuses
    if site == "live_url":
        assert any(page.path.startswith("/cy/") for page in pages)

    assert nu_errors(pages, tmp_path) == []


def test_the_checker_reports_invalid_html(tmp_path):
    """The check above can fail: an invalid page gives an error naming it."""
    _require_checker()
    from .crawl import Fetched

    bad = Fetched(
        "/bad/", 200, '<!DOCTYPE html><html lang="en"><title>x</title><time datetime="soon">x</time>'
    )
    errors = nu_errors([bad], tmp_path)
    assert len(errors) == 1
    assert errors[0].startswith("/bad/: line 1:")
