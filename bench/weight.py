"""Page weight: compressed bytes of HTML + CSS + JS for one page of each type.

Run: .venv/bin/python bench/weight.py   (builds a throwaway SQLite demo site first)
Target (docs/performance.md): under 32 KB per public page, compressed (gzip level 6, as a web server sends it).
"""

import gzip
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TARGET = 32 * 1024


def compressed(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def main():
    workdir = tempfile.mkdtemp(prefix="cspsite-weight-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cspsite.settings.test")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/weight.sqlite3"
    os.environ["MEDIA_ROOT"] = f"{workdir}/media"

    import django

    django.setup()
    from django.contrib.staticfiles import finders
    from django.core.management import call_command
    from django.test import Client
    from wagtail.models import Page

    call_command("migrate", verbosity=0)
    call_command("load_demo_content", verbosity=0)

    client = Client()
    samples = {}
    for page in Page.objects.live().public().specific().filter(depth__gte=2).order_by("path"):
        samples.setdefault(type(page).__name__, page.url)
    samples["search results"] = "/search/?q=review"

    asset_cache = {}
    print(f"{'page type':<24} {'HTML':>8} {'CSS':>8} {'JS':>8} {'total':>8}  url")
    worst = 0
    for label, url in samples.items():
        response = client.get(url)
        html = response.content
        css = js = 0
        for asset in re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html):
            path = asset.decode().removeprefix("/static/")
            if path not in asset_cache:
                found = finders.find(path)
                asset_cache[path] = compressed(Path(found).read_bytes()) if found else 0
            if path.endswith(".css"):
                css += asset_cache[path]
            else:
                js += asset_cache[path]
        total = compressed(html) + css + js
        worst = max(worst, total)
        print(
            f"{label:<24} {compressed(html):>8} {css:>8} {js:>8} {total:>8}  {url} ({response.status_code})"
        )
    verdict = "meets" if worst < TARGET else "MISSES"
    print(f"\nHeaviest page: {worst} bytes compressed; target < {TARGET} bytes: {verdict} the target")
    return 0 if worst < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
