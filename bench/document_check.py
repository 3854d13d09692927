"""Median time of the document safety check and of cleaning, for a 200-page report.

Builds a report of ``--pages`` pages of varied, report-like text (about 3,000 characters a
page) with comments, bookmarks, document information and a box drawn over a name (and,
with ``--boxes-per-page``, that many black boxes over words on every page), then
times reading every place in it (``places_in_pdf``), matching ``--details`` identifying
details against them (``find_details``) and cleaning it (``clean_pdf``). Target: the check
under 5 s on this machine.

    .venv/bin/python bench/document_check.py [--pages 200] [--details 20] [--runs 5] [--boxes-per-page 0]
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cspsite.settings.test")

WORDS = [
    "agency",
    "agencies",
    "assessment",
    "children's",
    "services",
    "safeguarding",
    "referral",
    "risk",
    "MARAC",
    "IDVA",
    "police",
    "health",
    "visitor",
    "general",
    "practitioner",
    "housing",
    "provider",
    "probation",
    "mental",
    "health",
    "substance",
    "misuse",
    "coercive",
    "control",
    "controlling",
    "behaviour",
    "disclosure",
    "Clare's",
    "Law",
    "multi-agency",
    "panel",
    "chronology",
    "terms",
    "of",
    "reference",
    "recommendation",
    "learning",
    "action",
    "plan",
    "information",
    "sharing",
    "professional",
    "curiosity",
    "training",
    "review",
    "period",
    "contact",
    "appointment",
    "attended",
    "missed",
    "discharged",
    "follow-up",
    "family",
    "friends",
    "employer",
    "neighbour",
    "community",
    "the",
    "a",
    "of",
    "to",
    "and",
    "in",
    "that",
    "was",
    "were",
    "had",
    "not",
    "with",
    "by",
    "on",
    "for",
    "from",
    "her",
    "his",
    "their",
    "this",
    "which",
    "when",
    "who",
    "it",
    "as",
    "at",
    "be",
    "been",
    "would",
    "could",
    "should",
    "did",
    "there",
    "also",
    "after",
    "before",
]


def paragraph(rng, sentences):
    out = []
    for _ in range(sentences):
        words = [rng.choice(WORDS) for _ in range(rng.randint(9, 22))]
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def build_report(pages, details, boxes_per_page):
    from fpdf import FPDF

    from tests.pdfs import edit

    rng = random.Random(16)  # noqa: S311 (made-up text, not a secret)
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.set_auto_page_break(True, margin=20)
    for number in range(pages):
        text = "\n\n".join(paragraph(rng, 5) for _ in range(4))
        if number % 40 == 39:  # a detail left in the text now and then
            text += f"\n\nContact with {details[number % len(details)]} was recorded."
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, text[:3200])
        pdf.set_fill_color(0, 0, 0)
        for box in range(boxes_per_page):  # black boxes drawn over the words
            pdf.rect(25 + box % 5 * 30, 30 + box * 4, 25, 3, style="F")
        if number == pages - 1:
            pdf.set_font("Helvetica", size=12)
            pdf.text(30, 250, details[0])
            pdf.rect(28, 245, pdf.get_string_width(details[0]) + 4, 7, style="F")
    return edit(
        bytes(pdf.output()),
        info={"/Author": "Report author", "/Title": "Overview report", "/Creator": "Microsoft Word"},
        xmp="Report author",
        comment={"/Contents": "Check this paragraph", "/T": "Reviewer"},
        bookmark="Appendix A: chronology",
        attachment=("notes.txt", "Panel notes"),
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--details", type=int, default=20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--boxes-per-page", type=int, default=0, help="black boxes over words on every page")
    args = parser.parse_args()

    import django

    django.setup()
    from core.identifying_details import find_details
    from core.pdf_cleaning import clean_pdf
    from core.pdf_inspection import places_in_pdf

    details = [f"Firstname{n} Surname{n}" for n in range(args.details - 4)]
    details += ["Margaret Haworth", "14 Acacia Avenue", "12/03/1980", "Peter Haworth"]
    details = details[-args.details :]
    data = build_report(args.pages, details, args.boxes_per_page)
    print(
        f"{args.pages} pages, {len(data) // 1024} KB, {args.boxes_per_page} boxes over words a page, "
        f"{len(details)} details, {args.runs} runs"
    )

    reading, matching, cleaning = [], [], []
    for _run in range(args.runs):
        start = time.perf_counter()
        places = places_in_pdf(data)
        middle = time.perf_counter()
        findings = find_details(details, places)
        end = time.perf_counter()
        reading.append(middle - start)
        matching.append(end - middle)
        start = time.perf_counter()
        clean_pdf(data, "Overview report")
        cleaning.append(time.perf_counter() - start)
    check = [read + match for read, match in zip(reading, matching, strict=True)]
    print(f"{len(places)} places, {len(findings)} findings")
    print(f"reading the PDF (places_in_pdf)   median {statistics.median(reading):.2f} s")
    print(f"matching the details (find_details) median {statistics.median(matching):.3f} s")
    print(f"the check, both                   median {statistics.median(check):.2f} s (target < 5 s)")
    print(f"cleaning (clean_pdf)              median {statistics.median(cleaning):.2f} s")


if __name__ == "__main__":
    main()
