"""Search latency at 10,000 pages on PostgreSQL.

Creates a throwaway database, migrates it, seeds it with pages of realistic text in every
section (some listing report documents with long text), rebuilds the search index with
`update_index`, then sends a fixed mix of 200 searches through the Django test client and
prints p50/p95 latency. The database is dropped at the end unless --keep is given.

    .venv/bin/python bench/search.py                 # 10,000 pages, database cspsite_search_bench
    .venv/bin/python bench/search.py --pages 2000 --keep
    .venv/bin/python bench/search.py --reuse         # query a database kept earlier

PostgreSQL is reached at 127.0.0.1:5432 as user postgres unless --server says otherwise.
A script to run, not a module anything imports: seeding, the query mix and the report
are kept in one file so the benchmark can be read top to bottom.
"""

import argparse
import datetime
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WARDS = [
    "Millbrook Central",
    "Eastfield",
    "Harton",
    "Kingsmead",
    "Lower Dene",
    "Northgate",
    "Oakworth",
    "Riverside",
    "St Anne's",
    "Westbury",
    "Holme Park",
    "Fenwick",
]
AGENCIES = [
    "the police",
    "the council",
    "the fire and rescue service",
    "the probation service",
    "the integrated care board",
    "housing providers",
    "adult social care",
    "children's services",
    "the ambulance service",
    "specialist domestic abuse services",
    "GP practices",
    "schools",
]
TOPICS = [
    "anti-social behaviour",
    "domestic abuse",
    "serious violence",
    "road safety",
    "substance misuse",
    "reducing re-offending",
    "hate crime",
    "knife crime",
    "fly-tipping",
    "modern slavery",
    "county lines",
    "youth diversion",
    "night-time economy",
    "scams and fraud",
    "stalking",
    "community cohesion",
    "Prevent",
    "organised crime",
    "burglary",
    "vehicle crime",
]
ACTIONS = [
    "agreed a joint plan to tackle",
    "shared information about",
    "reviewed its response to",
    "commissioned new support for",
    "ran a campaign on",
    "trained staff to recognise",
    "set up a multi-agency group on",
    "published its annual figures on",
    "asked residents about",
    "changed how it records",
    "funded outreach work on",
    "met community groups to discuss",
]
FINDINGS = [
    "Agencies did not always share what they knew in time.",
    "Risk assessments were completed but not reviewed when circumstances changed.",
    "Family members had raised concerns that were not followed up.",
    "Staff had not been trained to ask about coercive and controlling behaviour.",
    "Referrals to the multi-agency risk assessment conference were delayed.",
    "Good practice was seen in the response of the neighbourhood policing team.",
    "The review panel recommends that partners agree a single information-sharing protocol.",
    "Housing officers were not told about the history of abuse.",
    "Appointments were missed and nobody asked why.",
    "Alcohol use was treated as the main issue rather than the abuse behind it.",
    "The action plan sets out who will make each change and by when.",
    "Professional curiosity was lacking at several points.",
]
PSEUDONYMS = [
    "Lesley",
    "Anna",
    "Bethan",
    "Carys",
    "Deborah",
    "Eleanor",
    "Fiona",
    "Gemma",
    "Hannah",
    "Imogen",
    "Joanne",
    "Karen",
    "Louise",
    "Megan",
    "Natalie",
    "Olivia",
    "Paula",
    "Rachel",
    "Sarah",
    "Tina",
    "Ursula",
    "Valerie",
    "Wendy",
    "Yvonne",
    "Zara",
    "Adam",
    "Ben",
    "Callum",
    "Daniel",
    "Ewan",
    "Frank",
    "Gareth",
    "Harry",
    "Ian",
    "Jack",
    "Kevin",
    "Liam",
    "Mark",
    "Neil",
    "Owen",
]
YEARS = list(range(2012, 2026))


def sentence(rng, topics, kind):
    """One sentence about the page's own topics: most pages are about one or two things."""
    topic = topics[0] if rng.random() < 0.7 else rng.choice(topics)
    roll = rng.random()
    if kind == "review" and roll < 0.5:
        return rng.choice(FINDINGS)
    if roll < 0.75:
        return f"In {rng.choice(WARDS)}, {rng.choice(AGENCIES)} {rng.choice(ACTIONS)} {topic} during {rng.choice(YEARS)}."
    return f"The partnership's work on {topic} is led by {rng.choice(AGENCIES)} with {rng.choice(AGENCIES)}."


def paragraph(rng, topics, kind, sentences=(3, 6)):
    return " ".join(sentence(rng, topics, kind) for _ in range(rng.randint(*sentences)))


def report_text(rng, paragraphs=60):
    topics = ["domestic abuse", rng.choice(TOPICS)]
    return "\n\n".join(paragraph(rng, topics, "review", (4, 8)) for _ in range(paragraphs))


SECTIONS = [
    # slug, title, share of the pages, title maker
    ("domestic-homicide-reviews", "Domestic homicide reviews", 0.15, "review"),
    ("statutory-duties", "Statutory duties", 0.05, "duty"),
    ("workstreams", "Workstreams", 0.20, "topic"),
    ("news", "News", 0.40, "news"),
    ("community-safety", "Community safety", 0.20, "topic"),
]


def make_title(kind, topics, rng, n):
    if kind == "review":
        return f"Domestic homicide review: '{rng.choice(PSEUDONYMS)}' ({rng.choice(YEARS)}, no. {n})"
    if kind == "duty":
        return f"Section 17 and {topics[0]}: guidance {n}"
    if kind == "news":
        return f"{topics[0].capitalize()} in {rng.choice(WARDS)}: update {n}"
    return f"{topics[0].capitalize()}: {rng.choice(['plan', 'strategy', 'briefing', 'guide'])} {n}"


def page_topics(kind, rng):
    first = "domestic abuse" if kind == "review" else rng.choice(TOPICS)
    return [first, rng.choice(TOPICS)]


QUERY_MIX = {
    "single": [
        "safety",
        "abuse",
        "review",
        "crime",
        "partnership",
        "prevent",
        "violence",
        "community",
        "police",
        "housing",
        "burglary",
        "scams",
        "stalking",
        "cohesion",
        "alcohol",
        "training",
        "referrals",
        "probation",
        "schools",
        "campaign",
    ],
    "phrase": [
        "domestic abuse",
        "section 17",
        "anti-social behaviour",
        "serious violence",
        "road safety",
        "substance misuse",
        "action plan",
        "county lines",
        "modern slavery",
        "hate crime",
        "risk assessment",
        "information sharing",
        "coercive controlling behaviour",
        "knife crime",
        "reducing re-offending",
        "organised crime group",
        "youth diversion project",
    ],
    "pseudonym": PSEUDONYMS,
    "nothing": ["xylophone", "quokka zanzibar", "zebra crossing patrol", "platypus", "ukulele"],
    "odd": ['"domestic abuse"', "&|!()*:", "abuse 😀", "a" * 300, "safety' OR 1=1 --"],
    # Expanded by the seeded synonyms (search/migrations/0003_seed_search_synonyms.py).
    "synonym": ["DHR", "CSP", "ASB", "IOM", "MARAC", "SOC", "domestic violence", "DHR action plan"],
    # No page has them: "Did you mean …?" is worked out.
    "misspelt": ["homocide", "safegaurding", "parnership", "burgalry", "stalkng reviw"],
}
FILTERED = [
    ("abuse", "reviews"),
    ("prevent", "duties"),
    ("safety", "other"),
    ("violence", "duties"),
    ("lesley", "reviews"),
    ("burglary", "other"),
]


def query_mix(count=200, seed=2025):
    rng = random.Random(seed)  # noqa: S311 - a repeatable mix, not a secret
    urls = []
    weights = [
        ("single", 0.25),
        ("phrase", 0.2),
        ("pseudonym", 0.1),
        ("synonym", 0.15),
        ("misspelt", 0.1),
        ("nothing", 0.05),
        ("odd", 0.05),
    ]
    while len(urls) < count:
        roll = rng.random()
        if roll < 0.1:
            query, section = rng.choice(FILTERED)
            urls.append("/search/?" + urlencode({"q": query, "section": section}))
            continue
        if roll < 0.2:
            urls.append(
                "/search/?" + urlencode({"q": rng.choice(QUERY_MIX["single"]), "page": rng.randint(2, 4)})
            )
            continue
        kinds, probabilities = zip(*weights, strict=True)
        kind = rng.choices(kinds, probabilities)[0]
        urls.append("/search/?" + urlencode({"q": rng.choice(QUERY_MIX[kind])}))
    return urls


def create_database(server, name):
    import psycopg2

    connection = psycopg2.connect(f"{server}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def drop_database(server, name):
    import psycopg2
    from django.db import connections

    connections.close_all()
    connection = psycopg2.connect(f"{server}/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    connection.close()


def seed(total_pages, rng, out):
    from django.core.files.base import ContentFile
    from django.db import transaction
    from django.test.utils import override_settings
    from django.utils import timezone
    from wagtail.models import Site
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from core.models import CSPDocument
    from home.models import StandardPage

    # Pages are indexed afterwards in bulk by update_index, as an operator would.
    no_auto_update = {"default": {"BACKEND": "search.backends", "AUTO_UPDATE": False}}
    home = Site.objects.get(is_default_site=True).root_page.specific
    now = timezone.now()
    started = time.perf_counter()
    created = 0
    with (
        tempfile.TemporaryDirectory() as media,
        override_settings(WAGTAILSEARCH_BACKENDS=no_auto_update, MEDIA_ROOT=media),
        disable_reference_index_auto_update(),
        transaction.atomic(),
    ):
        documents = []
        for n in range(200):
            document = CSPDocument(title=f"Overview report {n}")
            document.file.save(f"bench-report-{n}.txt", ContentFile(b"bench"), save=False)
            document.save()
            documents.append(document.pk)
        for pk in documents:
            CSPDocument.objects.filter(pk=pk).update(text_content=report_text(rng))

        for slug, title, share, kind in SECTIONS:
            topics = page_topics(kind, rng)
            top = home.add_child(
                instance=StandardPage(
                    title=title,
                    slug=slug,
                    summary=paragraph(rng, topics, kind, (1, 1))[:300],
                    body=body(rng, topics, kind),
                    show_in_menus=True,
                )
            )
            created += 1
            for n in range(int(total_pages * share) - 1):
                published = now - datetime.timedelta(days=rng.randint(0, 3 * 365))
                document = rng.choice(documents) if kind == "review" or rng.random() < 0.05 else None
                topics = page_topics(kind, rng)
                top.add_child(
                    instance=StandardPage(
                        title=make_title(kind, topics, rng, n),
                        slug=f"{kind}-{n}",
                        summary=paragraph(rng, topics, kind, (1, 2))[:300],
                        body=body(rng, topics, kind, document),
                        first_published_at=published,
                        last_published_at=published,
                    )
                )
                created += 1
                if created % 1000 == 0:
                    print(f"  {created} pages", file=out, flush=True)
    print(
        f"Seeded {created} pages and {len(documents)} documents in {time.perf_counter() - started:.0f} s",
        file=out,
    )


def body(rng, topics, kind, document_id=None):
    paragraphs = [paragraph(rng, topics, kind) for _ in range(rng.randint(3, 8))]
    blocks = [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in paragraphs]
    if document_id:
        item = {"type": "item", "value": {"document": document_id, "title": ""}, "id": f"doc-{document_id}"}
        blocks.append({"type": "documents", "value": {"heading": "Reports", "documents": [item]}})
    return blocks


def percentile(values, fraction):
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def run_queries(urls, out):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    statuses = {}
    query_counts = []
    for url in urls[:20]:  # warm up caches and connections; also count SQL queries
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        query_counts.append(len(captured))
    timings = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
    if any(status >= 500 for status in statuses):
        raise SystemExit(f"Server errors during the benchmark: {statuses}")
    return timings, statuses, query_counts


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--database", default="cspsite_search_bench")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", action="store_true", help="query an already seeded database")
    parser.add_argument(
        "--stock", action="store_true", help="use Wagtail's own search backend, for comparison"
    )
    args = parser.parse_args(argv)
    out = sys.stdout

    if not args.reuse:
        create_database(args.server, args.database)
    os.environ["DATABASE_URL"] = f"{args.server}/{args.database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cspsite.settings.test")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    try:
        call_command("migrate", verbosity=0)
        if not args.reuse:
            seed(args.pages, random.Random(1998), out)  # noqa: S311 - repeatable content
            started = time.perf_counter()
            call_command("update_index", verbosity=0)
            print(f"update_index took {time.perf_counter() - started:.0f} s", file=out)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does after a bulk load
            cursor.execute("SELECT count(*) FROM wagtailcore_page WHERE live")
            live_pages = cursor.fetchone()[0]
            cursor.execute("SHOW server_version")
            server_version = cursor.fetchone()[0]

        backends = settings.WAGTAILSEARCH_BACKENDS
        if args.stock:
            backends = {"default": {"BACKEND": "wagtail.search.backends.database"}}
        urls = query_mix(args.queries)
        with override_settings(WAGTAILSEARCH_BACKENDS=backends):
            timings, statuses, query_counts = run_queries(urls, out)
        print(
            f"\nSearch benchmark, {datetime.date.today():%d %B %Y}\n"
            f"  machine:   {platform.node()}, {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}, "
            f"Python {platform.python_version()}, PostgreSQL {server_version}\n"
            f"  load:      {', '.join(f'{x:.1f}' for x in os.getloadavg())} (1, 5, 15 min averages)\n"
            f"  pages:     {live_pages} live\n"
            f"  backend:   {'Wagtail stock' if args.stock else 'search.backends'}\n"
            f"  requests:  {len(timings)} (statuses {dict(sorted(statuses.items()))})\n"
            f"  SQL:       {min(query_counts)}-{max(query_counts)} queries per request\n"
            f"  latency:   p50 {statistics.median(timings):.1f} ms, p95 {percentile(timings, 0.95):.1f} ms, "
            f"max {max(timings):.1f} ms, mean {statistics.fmean(timings):.1f} ms",
            file=out,
        )
    finally:
        if not args.keep:
            drop_database(args.server, args.database)


if __name__ == "__main__":
    main()
