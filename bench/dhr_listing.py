"""Median uncached render time of the DHR listing with 500 reviews (target < 50 ms).

Builds a throwaway test database (SQLite by default, or the one DATABASE_URL names, with
"test_" in front), adds 500 live reviews with documents, then times full requests to the
listing through Django's test client, clearing the cache before each one.

    .venv/bin/python bench/dhr_listing.py [--reviews 500] [--runs 50]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cspsite.settings.test")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=500)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()

    import tempfile

    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="dhr-bench-"))
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from django.test import Client
        from wagtail.models import Site

        from tests.dhr.builders import make_document, make_index, make_many_live_reviews, make_request_form

        home = Site.objects.get(is_default_site=True).root_page.specific
        index = make_index(home)
        make_request_form(index)
        documents = [make_document("Executive summary"), make_document("Overview report")]
        make_many_live_reviews(index, args.reviews, documents)
        url = index.url
        client = Client()
        client.get(url)  # warm up imports and template loading

        timings = []
        for _run in range(args.runs):
            cache.clear()
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(url)
                elapsed = time.perf_counter() - start
            assert response.status_code == 200, response.status_code
            timings.append(elapsed * 1000)
        print(
            f"DHR listing, {args.reviews} reviews, {connection.vendor}: median {statistics.median(timings):.1f} ms "
            f"(min {min(timings):.1f}, max {max(timings):.1f}) over {args.runs} uncached requests, "
            f"{len(queries)} SQL queries each"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
