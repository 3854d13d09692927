"""The demo's PDF reports, written with fpdf2 from ``content/documents/<name>.toml``.

A document file has a ``title``, a ``file`` name and ``[[sections]]``, each a ``heading``
and ``text`` (paragraphs); section 1 opens with the title and the notice that the content
is fictional (``[documents]`` in ``site.toml``). Each section is a page. A document is made
once and then found by its title, so loading the demo again adds nothing.
"""

import functools

from django.core.files.base import ContentFile
from fpdf import FPDF

from core.models import CSPDocument
from demo import content
from dhr.moderation import review_collection


def sections(name, variables):
    """The ``(heading, [paragraph, ...])`` pairs of document ``name``."""
    return [
        (
            content.substitute(section["heading"], variables),
            content.paragraphs(content.substitute(section["text"], variables)),
        )
        for section in content.read(f"documents/{name}")["sections"]
    ]


def build_pdf(title, sections):
    """A PDF with ``title`` and ``sections``: ``(heading, [paragraph, ...])`` pairs, one page each."""
    return _build_pdf(title, tuple((heading, tuple(paragraphs)) for heading, paragraphs in sections))


@functools.lru_cache(maxsize=64)
def _build_pdf(title, sections):
    # Cached: the same demo reports are rebuilt for every fresh test database.
    shared = content.site()["documents"]
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_author(content.substitute(shared["author"], content.site()["variables"]))
    pdf.set_lang("en-GB")
    pdf.set_margins(20, 20, 20)
    for number, (heading, paragraphs) in enumerate(sections):
        pdf.add_page()
        if number == 0:
            pdf.set_font("Helvetica", "B", 18)
            pdf.multi_cell(0, 9, title)
            pdf.ln(4)
            pdf.set_font("Helvetica", "I", 10)
            pdf.multi_cell(0, 6, shared["notice"])
            pdf.ln(4)
        pdf.set_font("Helvetica", "B", 14)
        pdf.multi_cell(0, 8, heading)
        pdf.ln(2)
        pdf.set_font("Helvetica", "", 11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph)
            pdf.ln(3)
    return bytes(pdf.output())


def demo_document(name, variables):
    """The document ``name`` for ``variables`` (a review's pseudonym...), made if it does not exist yet."""
    data = content.read(f"documents/{name}")
    title = content.substitute(data["title"], variables)
    existing = CSPDocument.objects.filter(title=title).first()
    if existing:
        return existing
    document = CSPDocument(title=title, collection=review_collection())
    pdf = build_pdf(title, sections(name, variables))
    document.file.save(content.substitute(data["file"], variables), ContentFile(pdf), save=False)
    document.file_size = document.file.size
    document.save()
    return document
