"""Median and p95 uncached render time of each public page type, with 500 reviews.

Builds a throwaway test database (SQLite by default, or the one DATABASE_URL names, with
"test_" in front), loads the demo content, adds live reviews up to ``--reviews`` under
the demo's review section, then times full anonymous requests through Django's test
client with every cache emptied before each one. Target: DHR listing median < 50 ms.

    .venv/bin/python bench/render.py [--reviews 500] [--runs 30]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cspsite.settings.test")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=500)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    import tempfile

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection

    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="render-bench-"))
    settings.WAGTAIL_CACHE = False
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from django.test import Client
        from wagtail.models import Page

        from dhr.models import DHRIndexPage, ReviewPage
        from tests.dhr.builders import make_document, make_many_live_reviews

        call_command("load_demo_content", verbosity=0)
        index = DHRIndexPage.objects.get()
        extra = args.reviews - ReviewPage.objects.live().count()
        if extra > 0:
            make_many_live_reviews(index, extra, [make_document("Shared overview report")])

        urls = {}
        for page in Page.objects.live().specific().order_by("path"):
            if page.depth > 1:
                urls.setdefault(type(page).__name__, page.url)
        urls["search"] = "/search/?q=review"
        urls["sitemap"] = "/sitemap.xml"

        client = Client()
        print(f"{args.reviews} reviews, {connection.vendor}, {args.runs} uncached requests each")
        print(f"{'page type':<24} {'median ms':>10} {'p95 ms':>8}  url")
        for name, url in urls.items():
            client.get(url)  # imports and templates loaded once
            timings = []
            for _run in range(args.runs):
                for alias in caches:
                    caches[alias].clear()
                start = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - start) * 1000)
                assert response.status_code in (200, 410), (url, response.status_code)
            print(f"{name:<24} {statistics.median(timings):>10.1f} {percentile(timings, 0.95):>8.1f}  {url}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
