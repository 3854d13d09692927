"""Demo content for the DHR section: the guidance page, five fictional reviews (one joint
with a neighbouring partnership, one past its publication period, one scheduled to go live)
with generated PDF reports, and the request-a-copy form.

Called by ``load_demo_content`` as ``load(home)``. Idempotent: pages are updated in place,
documents reused by title. Dates are relative to today so the demo always shows a review
"available on request" and one waiting to go live.
"""

import datetime

from django.utils import timezone

from core.models import SiteSettings
from dhr import demo_documents as pdfs
from dhr.models import DHRIndexPage, RequestCopyFormField, RequestCopyFormPage, ReviewDocument, ReviewPage
from dhr.publication import add_months
from home.demo import body, paragraph, upsert_page

INDEX_SLUG = "domestic-homicide-reviews"
REQUEST_INBOX = "dhr.requests@millbrook.example"
NEIGHBOUR = "Safer Kelbrook Partnership"

STATUTE = (
    "In this section “domestic homicide review” means a review of the circumstances in which the death "
    "of a person aged 16 or over has, or appears to have, resulted from violence, abuse or neglect by— "
    "(a) a person to whom he was related or with whom he was or had been in an intimate personal "
    "relationship, or (b) a member of the same household as himself, held with a view to identifying "
    "the lessons to be learnt from the death."
)

# (slug, pseudonym, months since publication (None: scheduled), death month, years before
#  publication, joint partner, extra documents, summary, story)
REVIEWS = [
    (
        "amira",
        "Amira",
        2,
        11,
        2,
        NEIGHBOUR,
        [],
        "Amira, 34, was killed by her former partner. The review, held jointly with a neighbouring "
        "partnership, looked at how agencies in both areas shared information after she moved.",
        "Amira moved between two council areas to get away from her former partner. Agencies in "
        "each area knew part of her story, but information did not always follow her.",
    ),
    (
        "lesley",
        "Lesley",
        4,
        3,
        3,
        "",
        ["home_office_letter"],
        "Lesley, 52, was killed by her husband. The review found that her contact with health "
        "services gave chances to ask about abuse that were missed.",
        "Lesley saw her GP and hospital services several times in the year before she died. She "
        "was not asked directly about abuse, and her husband often came to appointments with her.",
    ),
    (
        "daniel",
        "Daniel",
        7,
        6,
        2,
        "",
        [],
        "Daniel, 41, was killed by his partner. The review looked at how services respond when men "
        "are victims of domestic abuse.",
        "Daniel told a colleague that his partner controlled his money and his phone. He did not "
        "think services for victims of domestic abuse were meant for men.",
    ),
    (
        "joan",
        "Joan",
        15,
        9,
        3,
        "",
        [],
        "Joan, 78, died after neglect by her son, who was also her carer. The review looked at how "
        "adult social care and health services work together.",
        "Joan lived with her adult son, who cared for her. Services focused on her physical health "
        "and did not see the signs of abuse by the person caring for her.",
    ),
    (
        "rose",
        "Rose",
        None,
        1,
        2,
        "",
        [],
        "Rose, 26, was killed by her partner. The review looked at how young people are helped to "
        "recognise controlling behaviour in relationships.",
        "Rose's friends noticed that her partner checked her phone and stopped her seeing them. "
        "They did not know where to turn for advice.",
    ),
]


def guidance(practitioner_guide):
    return body(
        (
            "paragraph",
            paragraph(
                "A domestic homicide review looks at what happened before someone died because of "
                "domestic abuse, so that the organisations involved can learn from it and protect "
                "other people in future.",
            ),
        ),
        ("heading", {"text": "What a domestic homicide review is", "level": "h2"}),
        (
            "paragraph",
            paragraph(
                "When a person aged 16 or over dies, and the death has or seems to have resulted from "
                "violence, abuse or neglect by a relative, a partner or former partner, or someone "
                "they lived with, the community safety partnership must consider holding a review.",
                "The review looks closely at how local services were involved with the person who "
                "died and with the people around them, and at what could be done differently.",
            ),
        ),
        ("heading", {"text": "The law", "level": "h2"}),
        (
            "paragraph",
            paragraph(
                "Reviews became a legal duty on 13 April 2011, when section 9 of the Domestic "
                "Violence, Crime and Victims Act 2004 came into force.",
            ),
        ),
        (
            "quote",
            {
                "quote": STATUTE,
                "citation": "Domestic Violence, Crime and Victims Act 2004, section 9(1)",
                "source_url": "https://www.legislation.gov.uk/ukpga/2004/28/section/9",
                "note": "Check legislation.gov.uk for any later changes to this wording.",
            },
        ),
        ("heading", {"text": "What a review is for", "level": "h2"}),
        (
            "paragraph",
            "<p>A review aims to:</p><ul>"
            "<li>find out what can be learnt about how local organisations work, on their own and "
            "together, to keep victims safe</li>"
            "<li>say clearly what those lessons are, what will change as a result, and when</li>"
            "<li>put the lessons into practice, including in local and national policies</li>"
            "<li>prevent domestic abuse and homicide by helping services spot abuse and respond to "
            "it together as early as possible</li>"
            "<li>improve understanding of domestic abuse</li>"
            "<li>point out good practice so that others can follow it</li></ul>",
        ),
        (
            "callout",
            {
                "text": "<p>A review is not about blame. It does not decide how someone died or who is "
                "responsible: those questions are for the coroner and the criminal courts.</p>"
            },
        ),
        ("heading", {"text": "How a review is set up", "level": "h2"}),
        (
            "paragraph",
            paragraph(
                "When someone dies in these circumstances, the police tell the partnership in writing. "
                "The partnership then decides whether to hold a review.",
                "If it does, it appoints an independent chair, who leads a panel of senior people from "
                "the organisations involved. Every organisation that had contact with the person who "
                "died, or with the person who caused the death, looks back at its records and explains "
                "what it did and why.",
            ),
        ),
        ("heading", {"text": "Information for families and friends", "level": "h2"}),
        (
            "paragraph",
            paragraph(
                "Family members, friends, neighbours and colleagues are invited to talk to the chair. "
                "What they say often helps the panel understand the person's life far better than "
                "records can. Families can have the support of a specialist advocate, free of charge.",
                "Reports do not use real names. The family is asked to agree a different name, a "
                "pseudonym, for the person who died, and we tell the family before a report is "
                "published.",
            ),
        ),
        ("heading", {"text": "When reports are published", "level": "h2"}),
        (
            "paragraph",
            paragraph(
                "Every report is checked by the Home Office Quality Assurance Panel before it can be "
                "published. Once the panel has approved it, we publish the executive summary and the "
                "overview report, usually with the action plan and sometimes with the Home Office's "
                "letter. A copy goes to the Domestic Abuse Commissioner.",
                "Reports stay on this website for a set time after publication, currently 12 months. "
                "After that you can ask us for a copy.",
            ),
        ),
        (
            "accordion",
            {
                "sections": [
                    {
                        "heading": "New names for reviews",
                        "content": "<p>At the time of writing, the Victims and Prisoners Act 2024 will rename "
                        "domestic homicide reviews as domestic abuse related death reviews once that part "
                        "of the Act comes into force.</p>",
                    },
                    {
                        "heading": "Reviews in Wales",
                        "content": "<p>Since 1 October 2024, a Single Unified Safeguarding Review has replaced "
                        "separate domestic homicide, child practice and adult practice reviews in Wales. "
                        "Reports are kept in the Wales Safeguarding Repository.</p>",
                    },
                ]
            },
        ),
        ("heading", {"text": "Guidance for practitioners", "level": "h2"}),
        (
            "paragraph",
            paragraph(
                "Reviews follow the Home Office's multi-agency statutory guidance for the conduct of "
                "domestic homicide reviews. Our reviews used the December 2016 edition; check "
                '<a href="https://www.gov.uk/government/collections/domestic-homicide-review">GOV.UK</a> '
                "for the current version.",
                "If you have been asked to take part in a review, our guide explains what to expect.",
            ),
        ),
        ("documents", {"heading": "", "documents": [{"document": practitioner_guide.pk, "title": ""}]}),
    )


def review_documents(pseudonym, story, extra):
    items = [
        (
            ReviewDocument.Kind.EXECUTIVE_SUMMARY,
            pdfs.demo_document(
                f"Executive summary: review into the death of '{pseudonym}'",
                f"dhr-{pseudonym.lower()}-executive-summary.pdf",
                pdfs.executive_summary_sections(pseudonym, story),
            ),
        ),
        (
            ReviewDocument.Kind.OVERVIEW_REPORT,
            pdfs.demo_document(
                f"Overview report: review into the death of '{pseudonym}'",
                f"dhr-{pseudonym.lower()}-overview-report.pdf",
                pdfs.overview_sections(pseudonym, story),
            ),
        ),
        (
            ReviewDocument.Kind.ACTION_PLAN,
            pdfs.demo_document(
                f"Action plan: review into the death of '{pseudonym}'",
                f"dhr-{pseudonym.lower()}-action-plan.pdf",
                pdfs.action_plan_sections(pseudonym),
            ),
        ),
    ]
    if "home_office_letter" in extra:
        items.append(
            (
                ReviewDocument.Kind.HOME_OFFICE_LETTER,
                pdfs.demo_document(
                    f"Home Office letter: review into the death of '{pseudonym}'",
                    f"dhr-{pseudonym.lower()}-home-office-letter.pdf",
                    pdfs.home_office_letter_sections(pseudonym),
                ),
            )
        )

    def set_documents(page):
        page.documents.clear()
        for order, (kind, document) in enumerate(items):
            html = ""
            if kind == ReviewDocument.Kind.EXECUTIVE_SUMMARY:
                html = paragraph(
                    *[
                        text
                        for _heading, texts in pdfs.executive_summary_sections(pseudonym, story)
                        for text in texts
                    ]
                )
            page.documents.add(
                ReviewDocument(document=document, kind=kind, html_version=html, sort_order=order)
            )

    return set_documents


def load_reviews(index):
    today = timezone.localdate()
    for slug, pseudonym, months_ago, death_month, years_before, joint, extra, summary, story in REVIEWS:
        scheduled = months_ago is None
        published = None if scheduled else add_months(today, -months_ago)
        reference = published or today
        fields = {
            "pseudonym": pseudonym,
            "review_type": "dhr",
            "summary": summary,
            "death_month": death_month,
            "death_year": reference.year - years_before,
            "joint_review_with": joint,
            "home_office_approval_date": (published or today) - datetime.timedelta(days=30),
            "publication_date": published,
            "keep_online_until": None,
            "go_live_at": timezone.now() + datetime.timedelta(days=21) if scheduled else None,
            "executive_summary": paragraph(story, "The full findings are in the reports below."),
            "checklist_pseudonym_agreed": True,
            "checklist_family_told": True,
            "checklist_documents_anonymised": True,
            "checklist_home_office_approved": True,
            "private_notes": "Demo: family liaison handled by the independent chair.",
            "documents": review_documents(pseudonym, story, extra),
        }
        if scheduled:
            fields["live"] = False
        upsert_page(index, ReviewPage, slug, **fields)


def load_request_form(index):
    def set_fields(page):
        page.form_fields.clear()
        fields = [
            ("Your name", "singleline", True, "", ""),
            ("Email address", "email", True, "", "We will send the copy, or our reply, to this address."),
            (
                "Why you would like a copy",
                "multiline",
                False,
                "",
                "This helps us send the right documents.",
            ),
            (
                "Do you need an accessible format?",
                "radio",
                False,
                "No\nLarge print\nEasy read\nAnother format (tell us above)",
                "",
            ),
        ]
        for order, (label, field_type, required, choices, help_text) in enumerate(fields):
            page.form_fields.add(
                RequestCopyFormField(
                    label=label,
                    field_type=field_type,
                    required=required,
                    choices=choices,
                    help_text=help_text,
                    sort_order=order,
                )
            )

    return upsert_page(
        index,
        RequestCopyFormPage,
        "request-a-copy",
        title="Request a copy of a review",
        summary="Ask for a copy of a completed review that is no longer published on this website.",
        show_in_menus=False,
        intro=paragraph(
            "Reviews stay on this website for a limited time after they are published. You can ask "
            "for a copy of any completed review, including in an accessible format.",
            "We usually reply within 10 working days.",
        ),
        thank_you_text=paragraph(
            "Thank you. We have your request and will reply by email, usually within 10 working days.",
            "If you need help now, the helplines on this page are free and confidential.",
        ),
        form_fields=set_fields,
    )


def load(home):
    guide = pdfs.demo_document(
        "Taking part in a domestic homicide review: a guide for practitioners",
        "dhr-practitioner-guide.pdf",
        pdfs.practitioner_guide_sections(),
    )
    index = upsert_page(
        home,
        DHRIndexPage,
        INDEX_SLUG,
        title="Domestic homicide reviews",
        summary=(
            "What a domestic homicide review is, why it is held and how families are involved, "
            "with the reviews the partnership has published."
        ),
        show_in_menus=True,
        body=guidance(guide),
    )
    load_request_form(index)
    load_reviews(index)
    settings = SiteSettings.for_site(home.get_site())
    if not settings.request_copy_inbox:
        settings.request_copy_inbox = REQUEST_INBOX
        settings.save(update_fields=["request_copy_inbox"])
    return index
