"""Demo content for the home page, site settings, footer pages and an alert banner.

Written for ``load_demo_content``. Every function is idempotent: run it again and pages
are updated in place, never duplicated. Other apps import ``upsert_page`` for theirs.
"""

import datetime

from django.utils import timezone
from wagtail.models import Page, Site

from core.models import AlertBanner, SiteSettings
from home.models import HomePage, HomePagePartner, StandardPage
from i18n.nation import Nation

ORGANISATION = "Millbrook Community Safety Partnership"
ORGANISATION_CY = "Partneriaeth Diogelwch Cymunedol Millbrook"


def upsert_page(parent, model, slug, publish=True, **fields):
    """Create or update the child of ``parent`` with ``slug``, then publish it.

    ``fields`` are set on the page; a callable value is called with the page first, for
    child objects (inline panels) that need it.
    """
    existing = parent.get_children().filter(slug=slug).first()
    page = existing.specific if existing else model(slug=slug)
    if existing and not isinstance(page, model):
        raise TypeError(f"/{slug}/ exists as a {type(page).__name__}, not a {model.__name__}")
    plain = {k: v for k, v in fields.items() if not callable(v)}
    for name, value in plain.items():
        setattr(page, name, value)
    if existing is None:
        parent.add_child(instance=page)
    for value in fields.values():
        if callable(value):
            value(page)
    revision = page.save_revision(log_action=False, clean=True)
    if publish:
        revision.publish(log_action=False)
    return page


def paragraph(*texts):
    return "".join(f"<p>{text}</p>" for text in texts)


def body(*blocks):
    """A StreamField value from ``(block_type, value)`` pairs."""
    return [{"type": kind, "value": value} for kind, value in blocks]


HELPLINES = [
    {
        "name": "National Domestic Abuse Helpline",
        "number": "0808 2000 247",
        "hours": "24 hours a day, every day",
        "text_number": "",
        "description": "Free, confidential support for anyone experiencing domestic abuse, and for people worried about someone.",
    },
    {
        "name": "Men's Advice Line",
        "number": "0808 801 0327",
        "hours": "",
        "text_number": "",
        "description": "Support for men experiencing domestic abuse.",
    },
    {
        "name": "Live Fear Free (Wales)",
        "number": "0808 80 10 800",
        "hours": "24 hours a day",
        "text_number": "07860 077333",
        "description": "Help and advice in Wales on domestic abuse and sexual violence.",
    },
]


# In Wales Live Fear Free comes first, and each line has its Welsh text.
WELSH_HELPLINES = [
    {
        **HELPLINES[2],
        "name": "Live Fear Free",
        "name_cy": "Byw Heb Ofn",
        "hours_cy": "24 awr y dydd",
        "description_cy": "Help a chyngor yng Nghymru ar gam-drin domestig a thrais rhywiol.",
    },
    {
        **HELPLINES[0],
        "name_cy": "Llinell Gymorth Genedlaethol Cam-drin Domestig",
        "hours_cy": "24 awr y dydd, bob dydd",
        "description_cy": (
            "Cymorth cyfrinachol am ddim i unrhyw un sy'n profi cam-drin domestig, ac i bobl "
            "sy'n poeni am rywun."
        ),
    },
    {
        **HELPLINES[1],
        "name_cy": "Llinell Gyngor i Ddynion (Men's Advice Line)",
        "description_cy": "Cymorth i ddynion sy'n profi cam-drin domestig.",
    },
]


# The local NHS body's name follows the nation (SiteSettings.nhs_body).
NHS_BODY = {Nation.ENGLAND: "Integrated Care Board", Nation.WALES: "Local Health Board"}


def load_home(site, nation=Nation.ENGLAND):
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        raise TypeError("The default site's root page is not a HomePage; run migrate first.")

    def set_partners(page):
        page.partners.clear()
        partners = [
            ("Millbrook District Council", "Responsible authority: the local council", True),
            ("Millshire Police", "Responsible authority: the police", True),
            ("Millshire Fire and Rescue Service", "Responsible authority: fire and rescue", True),
            ("The Probation Service", "Responsible authority: probation", True),
            (f"Millshire {NHS_BODY[nation]}", "Responsible authority: the local NHS body", True),
            (
                "Millshire Office of the Police and Crime Commissioner",
                "Partner: funds and oversees local policing priorities",
                False,
            ),
            ("Millbrook Voluntary Action", "Partner: represents local charities and community groups", False),
        ]
        for order, (name, role, responsible) in enumerate(partners):
            page.partners.add(
                HomePagePartner(name=name, role=role, is_responsible_authority=responsible, sort_order=order)
            )

    home.title = ORGANISATION
    home.draft_title = ORGANISATION
    home.summary = (
        "Who the partners are, how they work together to reduce crime and keep people safe, "
        "and the reviews and duties the partnership is responsible for."
    )
    home.intro = paragraph(
        "We are the organisations that share responsibility for community safety in "
        "Millbrook. We work together to reduce crime, anti-social behaviour and domestic abuse."
    )
    home.about_csp = "<h2>What a community safety partnership is</h2>" + paragraph(
        "Every local authority area in England and Wales has a community safety "
        "partnership. The Crime and Disorder Act 1998 made it a legal duty for certain "
        "public bodies, known as responsible authorities, to work together on crime and "
        "disorder in their area.",
        "The responsible authorities are the council, the police, the fire and rescue "
        "authority, the probation service and the local NHS body. Other organisations, "
        "such as housing providers and charities, join in because they can help.",
        "Together we look at what is happening locally, agree priorities and plan what "
        "each partner will do about them.",
    )
    home.partners_intro = "The first five are the responsible authorities named in law."
    home.priorities = [
        (
            "priority",
            {
                "title": "Domestic abuse",
                "description": "Helping people at risk earlier and learning from every domestic homicide review.",
            },
        ),
        (
            "priority",
            {
                "title": "Serious violence",
                "description": "Working with schools, health and youth services to prevent violence before it happens.",
            },
        ),
        (
            "priority",
            {
                "title": "Anti-social behaviour",
                "description": "Responding together to the problems that affect neighbourhoods most.",
            },
        ),
        (
            "priority",
            {
                "title": "Reducing re-offending",
                "description": "Managing the people who cause most harm so they stop offending.",
            },
        ),
    ]
    set_partners(home)
    home.save_revision(log_action=False).publish(log_action=False)
    return home


def load_footer_pages(home):
    pages = {}
    pages["accessibility"] = upsert_page(
        home,
        StandardPage,
        "accessibility-statement",
        title="Accessibility statement",
        # Reviewed a year and a week ago, so the dashboard shows a page past its review date.
        last_reviewed=datetime.date.today() - datetime.timedelta(days=372),
        next_review_due=datetime.date.today() - datetime.timedelta(days=7),
        summary="How accessible this website is, what to do if you have a problem and how to report one.",
        show_in_menus=False,
        body=body(
            (
                "paragraph",
                paragraph(
                    f"{ORGANISATION} runs this website. We want as many people as possible to be able to use it. "
                    "You should be able to change colours and fonts, zoom in to 400% without text spilling off the "
                    "screen, move around the site using only a keyboard or speech recognition software, and "
                    "listen to most of the site using a screen reader.",
                ),
            ),
            ("heading", {"text": "How accessible this website is", "level": "h2"}),
            (
                "paragraph",
                paragraph(
                    "Some older PDF reports are not fully accessible to screen reader software. "
                    "You can ask for any document in another format.",
                ),
            ),
            ("heading", {"text": "Reporting accessibility problems", "level": "h2"}),
            (
                "paragraph",
                paragraph(
                    "If you find a problem that is not listed here, or you need information in a different "
                    "format, email community.safety@millbrook.example. We aim to reply within 5 working days.",
                ),
            ),
            ("heading", {"text": "Compliance status", "level": "h2"}),
            (
                "paragraph",
                paragraph(
                    "This website aims to meet the Web Content Accessibility Guidelines version 2.2 at AA standard. "
                    "It is tested with automated checks on every change and by hand with a keyboard and a screen reader.",
                ),
            ),
        ),
    )
    pages["privacy"] = upsert_page(
        home,
        StandardPage,
        "privacy-notice",
        title="Privacy notice",
        summary="What personal information this website collects, why, how long it is kept and your rights.",
        show_in_menus=False,
        body=body(
            (
                "paragraph",
                paragraph(
                    "Reading this website does not require you to give us any personal information. We do not use "
                    "analytics, advertising or social media tracking, and pages load nothing from other websites.",
                ),
            ),
            ("heading", {"text": "Requests for copies of reviews", "level": "h2"}),
            (
                "paragraph",
                paragraph(
                    "If you ask for a copy of a review, we keep your name, email address and what you asked for so "
                    "that we can reply. We delete requests automatically 90 days after we receive them.",
                ),
            ),
            ("heading", {"text": "Your rights", "level": "h2"}),
            (
                "paragraph",
                paragraph(
                    "You can ask to see, correct or delete the information we hold about you. Email "
                    "community.safety@millbrook.example.",
                ),
            ),
        ),
    )
    pages["cookies"] = upsert_page(
        home,
        StandardPage,
        "cookies",
        title="Cookies",
        summary="This website sets no cookies when you read it.",
        show_in_menus=False,
        body=body(
            (
                "paragraph",
                paragraph(
                    "We do not set any cookies when you read this website, so we do not ask for your consent. "
                    "If you hide a message at the top of a page, your browser remembers that only until you close "
                    "the tab, without using a cookie.",
                    "Staff who sign in to edit the website get cookies that keep them signed in securely.",
                ),
            ),
        ),
    )
    pages["contact"] = upsert_page(
        home,
        StandardPage,
        "contact",
        title="Contact us",
        summary="How to contact the community safety team, and where to get help now.",
        show_in_menus=True,
        body=body(
            (
                "warning",
                {"text": "If you are in danger now, call 999. If you cannot speak, press 55 when asked."},
            ),
            (
                "contact",
                {
                    "name": "Community safety team",
                    "email": "community.safety@millbrook.example",
                    "phone": "01632 960 000",
                    "address": "Millbrook District Council\nCivic Centre\nMillbrook\nMB1 1AA",
                    "hours": "Monday to Friday, 9am to 5pm",
                },
            ),
            ("helplines", None),
        ),
    )
    pages["cover_tracks"] = upsert_page(
        home,
        StandardPage,
        "cover-your-tracks-online",
        title="Cover your tracks online",
        summary="How to leave this website quickly and clear the signs that you visited it.",
        show_in_menus=False,
        show_exit_button=True,
        body=body(
            (
                "warning",
                {
                    "text": "If you think someone is checking your phone or computer, it may be safer to use a device they cannot get to, such as a friend's phone or a library computer."
                },
            ),
            ("heading", {"text": "Leave this website quickly", "level": "h2"}),
            (
                "paragraph",
                paragraph(
                    "Pages about domestic abuse have an 'Exit this page' button. Select it, or press the Shift key "
                    "3 times, to replace this website with a weather forecast at once.",
                ),
            ),
            ("heading", {"text": "Clear your browsing history", "level": "h2"}),
            (
                "paragraph",
                paragraph(
                    "Most browsers let you delete your history from their settings menu, often under 'History' or "
                    "'Privacy'. Deleting all of your history can look suspicious, so you may prefer to delete only "
                    "the pages you want to hide.",
                    "A private or incognito window does not save the pages you visit once you close it.",
                ),
            ),
            ("helplines", None),
        ),
    )
    return pages


def load_settings(site, pages, nation=Nation.ENGLAND):
    settings = SiteSettings.for_site(site)
    settings.nation = nation
    settings.organisation_name = ORGANISATION
    settings.organisation_name_cy = ORGANISATION_CY if nation == Nation.WALES else ""
    settings.contact_email = "community.safety@millbrook.example"
    settings.contact_phone = "01632 960 000"
    settings.request_copy_inbox = "dhr.requests@millbrook.example"
    helplines = WELSH_HELPLINES if nation == Nation.WALES else HELPLINES
    settings.helplines = [("helpline", helpline) for helpline in helplines]
    settings.social_links = [("link", {"name": "Facebook", "url": "https://www.facebook.com/"})]
    settings.accessibility_page = pages["accessibility"]
    settings.privacy_page = pages["privacy"]
    settings.cookies_page = pages["cookies"]
    settings.contact_page = pages["contact"]
    settings.cover_tracks_page = pages["cover_tracks"]
    settings.save()


def load_banner():
    AlertBanner.objects.update_or_create(
        heading="Online council tax balances",
        defaults={
            "message": (
                "Some council tax and business rates balances shown online are wrong because of a technical "
                "problem. We are fixing it. You do not need to contact us."
            ),
            "severity": AlertBanner.Severity.INFORMATION,
            "starts_at": timezone.now() - datetime.timedelta(hours=1),
            "ends_at": timezone.now() + datetime.timedelta(days=30),
            "section": None,
        },
    )


def set_featured_sections(home):
    """Cards for the main sections the other apps created, in menu order, with the
    contact page moved to the end of the menu."""
    contact = home.get_children().filter(slug="contact").first()
    if contact and contact.get_next_siblings().exists():
        contact.move(home, pos="last-child")
    sections = home.get_children().live().in_menu()
    descriptions = {
        "domestic-homicide-reviews": "What a domestic homicide review is, and the reviews we have published.",
        "statutory-duties": "The legal duties the partners share, including Section 17.",
        "workstreams": "National and local programmes the partnership delivers.",
    }
    home.featured_sections = [
        (
            "section",
            {"page": page, "description": descriptions.get(page.slug, page.specific.summary[:200])},
        )
        for page in sections
    ]
    home.save_revision(log_action=False).publish(log_action=False)


def load(stdout=None, nation=Nation.ENGLAND):
    site = Site.objects.get(is_default_site=True)
    home = load_home(site, nation)
    pages = load_footer_pages(home)
    load_settings(site, pages, nation)
    load_banner()
    return home


__all__ = ["Page", "body", "load", "paragraph", "set_featured_sections", "upsert_page"]
