"""Median time and SQL queries of an editor's everyday admin pages with 500 reviews.

Builds a throwaway test database (SQLite by default, or the one DATABASE_URL names, with
"test_" in front), loads the demo content, adds live reviews up to ``--reviews`` under the
demo's review section (every tenth waiting for a moderator, every tenth scheduled, all due
for their content review; with ``--nation wales`` every tenth translated into Welsh),
then times full requests through Django's test client as a member of Editors and of
Moderators. Target: each page's median under 300 ms. Beside the wall-clock median it
prints the median CPU time of this process (on SQLite that includes the database's work,
on PostgreSQL not the server's), which waits less on a machine busy with other work.

    .venv/bin/python bench/admin.py [--reviews 500] [--runs 20] [--nation england|wales]
        [--sql] [--profile "explorer: DHR"]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cspsite.settings.test")

TARGET_MS = 300
GROUPS = ["Editors", "Moderators"]


def admin_pages():
    from django.urls import reverse
    from wagtail.models import Locale, Site

    from dhr.models import DHRIndexPage
    from duties.models import DutyIndexPage

    home = Site.objects.get(is_default_site=True).root_page
    english = Locale.get_default()
    dhr_section = DHRIndexPage.objects.get(locale=english)
    duties_section = DutyIndexPage.objects.filter(locale=english).first()
    return {
        "explorer: DHR section": reverse("wagtailadmin_explore", args=[dhr_section.pk]),
        "explorer: duties section": reverse("wagtailadmin_explore", args=[duties_section.pk]),
        "explorer: home page": reverse("wagtailadmin_explore", args=[home.pk]),
        "DHR publication report": reverse("dhr_publication_report"),
        "content review report": reverse("content_review_report"),
        "dashboard": reverse("wagtailadmin_home"),
        "forms": reverse("wagtailforms:index"),
    }


def profile(client, url, runs=5, top=30):
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _run in range(runs):
        client.get(url)
    profiler.disable()
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(top)
        print(out.getvalue())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviews", type=int, default=500)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--nation", choices=["england", "wales"], default="england")
    parser.add_argument(
        "--profile", metavar="TEXT", help="print where the time goes on pages whose name has TEXT"
    )
    parser.add_argument("--sql", action="store_true", help="print each page's SQL (the first 160 characters)")
    args = parser.parse_args()

    import tempfile

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="admin-bench-"))
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.test import Client
        from wagtail.models import Locale

        from dhr.models import DHRIndexPage, ReviewPage
        from tests.dhr.builders import add_busy_reviews, make_document

        call_command("load_demo_content", nation=args.nation, verbosity=0)
        welsh = Locale.objects.filter(language_code="cy").first() if args.nation == "wales" else None
        clients, users = {}, {}
        for group in GROUPS:
            user = get_user_model().objects.create_user(
                f"bench-{group.lower()}", f"{group}@example.org", "pw"
            )
            user.groups.add(Group.objects.get(name=group))
            clients[group], users[group] = Client(), user
            clients[group].force_login(user)
        english = Locale.get_default()
        extra = args.reviews - ReviewPage.objects.filter(locale=english).count()
        if extra > 0:
            section = DHRIndexPage.objects.get(locale=english)
            add_busy_reviews(
                section, extra, [make_document("Shared overview report")], users["Editors"], welsh
            )

        print(
            f"{ReviewPage.objects.filter(locale=english).count()} reviews, {args.nation}, {connection.vendor}, "
            f"{args.runs} requests each (target: median < {TARGET_MS} ms)"
        )
        print(f"{'page':<26} {'group':<11} {'median ms':>9} {'p90 ms':>7} {'CPU ms':>7} {'queries':>7}")
        slowest = 0.0
        for name, url in admin_pages().items():
            for group, client in clients.items():
                client.get(url)  # imports, templates and per-process caches loaded once
                timings, cpu = [], []
                for _run in range(args.runs):
                    with CaptureQueriesContext(connection) as queries:
                        start, start_cpu = time.perf_counter(), time.process_time()
                        response = client.get(url)
                        timings.append((time.perf_counter() - start) * 1000)
                        cpu.append((time.process_time() - start_cpu) * 1000)
                    assert response.status_code == 200, (url, group, response.status_code)
                if args.sql:
                    print("\n".join(f"    SQL {query['sql'][:160]}" for query in queries.captured_queries))
                median = statistics.median(timings)
                slowest = max(slowest, median)
                p90 = sorted(timings)[int(0.9 * (len(timings) - 1))]
                print(
                    f"{name:<26} {group:<11} {median:>9.1f} {p90:>7.1f} "
                    f"{statistics.median(cpu):>7.1f} {len(queries):>7}"
                )
                if args.profile and args.profile in name:
                    profile(client, url)
        print(f"slowest median {slowest:.1f} ms: {'within' if slowest < TARGET_MS else 'OVER'} the target")
        print(f"load average {' '.join(f'{value:.1f}' for value in os.getloadavg())} (1, 5, 15 minutes)")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
