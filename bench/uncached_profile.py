"""Where an uncached page's time goes: cProfile over repeated anonymous requests.

Builds a throwaway test database (SQLite by default, or the one DATABASE_URL names, with
"test_" in front), loads the demo content, adds live reviews up to ``--reviews``, then
requests each page ``--runs`` times through Django's test client with the page cache
off (the other caches stay warm, as under gunicorn with ``PAGE_CACHE=false``) under
cProfile, and prints, per page, the median time, the SQL queries and the functions with
the most time of their own and in all they call.

    .venv/bin/python bench/uncached_profile.py [--reviews 500] [--runs 50] [--top 25] [url ...]
"""

import argparse
import cProfile
import io
import os
import pstats
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
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sql", action="store_true", help="also print each page's SQL")
    parser.add_argument("urls", nargs="*")
    args = parser.parse_args()

    import tempfile

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="profile-bench-"))
    settings.WAGTAIL_CACHE = False
    settings.FRAGMENT_CACHE = os.environ.get("FRAGMENT_CACHE", "true") != "false"  # as in production
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from django.test import Client

        from dhr.models import DHRIndexPage, ReviewPage
        from tests.dhr.builders import make_document, make_many_live_reviews

        call_command("load_demo_content", verbosity=0)
        index = DHRIndexPage.objects.get()
        extra = args.reviews - ReviewPage.objects.live().count()
        if extra > 0:
            make_many_live_reviews(index, extra, [make_document("Shared overview report")])
        urls = args.urls or ["/", index.url, ReviewPage.objects.live().order_by("-pk").first().url]

        client = Client()
        for url in urls:
            for _warm in range(3):
                assert client.get(url).status_code == 200, url
            queries = []

            def record(execute, sql, params, many, context, queries=queries):
                queries.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(record):
                client.get(url)
            timings = []
            profiler = cProfile.Profile()
            for _run in range(args.runs):
                start = time.perf_counter()
                profiler.enable()
                client.get(url)
                profiler.disable()
                timings.append((time.perf_counter() - start) * 1000)
            print(
                f"\n=== {url}: median {statistics.median(timings):.1f} ms (profiled), {len(queries)} queries"
            )
            if args.sql:
                print("\n".join(f"  SQL: {sql[:220]}" for sql in queries))
            for order in ("tottime", "cumulative"):
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(args.top)
                print(
                    out.getvalue().split("ncalls", 1)[-1].join(["ncalls", ""])
                    if "ncalls" in out.getvalue()
                    else out.getvalue()
                )
        print(f"load average {' '.join(f'{value:.1f}' for value in os.getloadavg())}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
