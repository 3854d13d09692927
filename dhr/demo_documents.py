"""Small, made-up PDF reports for the demo reviews, written with fpdf2.

Every report is fictional and says so on its first page. The files are generated once
and reused (looked up by title), so loading the demo twice adds nothing.
"""

import functools

from django.core.files.base import ContentFile
from fpdf import FPDF

from core.models import CSPDocument
from dhr.moderation import review_collection

DEMO_NOTICE = (
    "This is demonstration content for a fictional partnership. The people, places and events "
    "described are invented."
)


def build_pdf(title, sections):
    """A PDF with ``title`` and ``sections``: ``(heading, [paragraph, ...])`` pairs, one page each."""
    return _build_pdf(title, tuple((heading, tuple(paragraphs)) for heading, paragraphs in sections))


@functools.lru_cache(maxsize=64)
def _build_pdf(title, sections):
    # Cached: the same demo reports are rebuilt for every fresh test database.
    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_author("Millbrook Community Safety Partnership")
    pdf.set_lang("en-GB")
    pdf.set_margins(20, 20, 20)
    for number, (heading, paragraphs) in enumerate(sections):
        pdf.add_page()
        if number == 0:
            pdf.set_font("Helvetica", "B", 18)
            pdf.multi_cell(0, 9, title)
            pdf.ln(4)
            pdf.set_font("Helvetica", "I", 10)
            pdf.multi_cell(0, 6, DEMO_NOTICE)
            pdf.ln(4)
        pdf.set_font("Helvetica", "B", 14)
        pdf.multi_cell(0, 8, heading)
        pdf.ln(2)
        pdf.set_font("Helvetica", "", 11)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 6, paragraph)
            pdf.ln(3)
    return bytes(pdf.output())


def demo_document(title, filename, sections):
    """The document called ``title``, created from ``sections`` if it does not exist yet."""
    existing = CSPDocument.objects.filter(title=title).first()
    if existing:
        return existing
    document = CSPDocument(title=title, collection=review_collection())
    document.file.save(filename, ContentFile(build_pdf(title, sections)), save=False)
    document.file_size = document.file.size
    document.save()
    return document


def executive_summary_sections(pseudonym, story):
    return [
        (
            "1. Introduction",
            [
                f"This summary sets out how the review into the death of '{pseudonym}' was carried out "
                "and what it found. The name used is a pseudonym agreed with the family, and the "
                "report has been anonymised.",
                f"The review panel offers its sympathy to everyone who knew and loved {pseudonym}.",
            ],
        ),
        ("2. What happened", [story]),
        (
            "3. Lessons and recommendations",
            [
                "Agencies held pieces of information that, put together, showed a growing risk. "
                "The panel recommends that partners share concerns earlier through the local "
                "multi-agency risk assessment conference, and that staff are trained to ask about "
                "domestic abuse routinely.",
                "The action plan published with this summary says who will do what, and by when.",
            ],
        ),
    ]


def overview_sections(pseudonym, story):
    return [
        (
            "1. The review process",
            [
                f"The partnership decided to hold a review after the police notified it in writing of the "
                f"death of '{pseudonym}'. An independent chair led a panel of senior officers from the "
                "agencies involved, none of whom had managed the case directly.",
                f"Each agency that had contact with {pseudonym} or the perpetrator wrote a report on its "
                "involvement. The panel met several times to examine them.",
            ],
        ),
        (
            "2. Involvement of the family",
            [
                "The family were invited to take part and were offered the support of a specialist "
                f"advocate. Their memories of {pseudonym} are at the heart of this report.",
            ],
        ),
        ("3. Background and chronology", [story]),
        (
            "4. Analysis",
            [
                "The panel looked at how each agency responded, whether risk was identified and "
                "shared, and what stopped people asking for help. It found examples of good practice "
                "as well as missed opportunities.",
            ],
        ),
        (
            "5. Conclusions and recommendations",
            [
                "The death could not have been predicted with certainty, but earlier information "
                "sharing could have changed how agencies responded. Eight recommendations follow, "
                "each with an owner in the action plan.",
            ],
        ),
    ]


def action_plan_sections(pseudonym):
    return [
        (
            "Action plan",
            [
                f"Actions agreed by the partnership following the review into the death of '{pseudonym}'.",
                "1. Domestic abuse training for front-line staff in every partner agency. Owner: "
                "partnership training lead. Target: within 12 months.",
                "2. A shared checklist for referrals to the multi-agency risk assessment conference. "
                "Owner: police and council safeguarding leads. Target: within 6 months.",
                "3. Information for families and friends on how to raise concerns. Owner: "
                "communications team. Target: within 3 months.",
            ],
        ),
    ]


def home_office_letter_sections(pseudonym):
    return [
        (
            "Letter from the Home Office Quality Assurance Panel",
            [
                f"The panel has considered the overview report and executive summary of the review into "
                f"the death of '{pseudonym}' and is content for them to be published.",
                "The panel commends the involvement of the family and the clarity of the recommendations.",
            ],
        ),
    ]


def practitioner_guide_sections():
    return [
        (
            "Taking part in a domestic homicide review",
            [
                "This guide is for staff of partner agencies who are asked to contribute to a review, "
                "and for their managers.",
                "You may be asked to write an individual management review of your agency's contact "
                "with the person who died or the person who caused the death, to attend a panel "
                "meeting, or to speak to the independent chair.",
                "Reviews are about learning, not blame. Be open about what happened and why, and about "
                "what your agency would do differently.",
            ],
        ),
        (
            "Keeping information safe",
            [
                "Keep review papers secure and share them only with the people named by the chair. "
                "Never share drafts outside the panel.",
            ],
        ),
    ]
