"""Demo content for the statutory duties and workstreams sections.

Called by ``load_demo_content`` as ``load(home)``. Idempotent: pages are found by slug
and updated in place, and their inline lists are replaced, never appended to. Written in
our own words from FACTS.md; the statute is quoted word for word with its citation.
"""

import datetime

from django.utils import translation

from core.models import SiteSettings
from duties.models import (
    DutyIndexPage,
    DutyPage,
    DutyRelatedWorkstream,
    Lead,
    StrategyDocument,
    WorkstreamIndexPage,
    WorkstreamPage,
    WorkstreamRelatedPage,
)
from home.demo import body, paragraph, upsert_page

SECTION_17_URL = "https://www.legislation.gov.uk/ukpga/1998/37/section/17"

SECTION_17_TEXT = (
    "Without prejudice to any other obligation imposed on it, it shall be the duty of each authority "
    "to which this section applies to exercise its various functions with due regard to the likely "
    "effect of the exercise of those functions on, and the need to do all that it reasonably can to "
    "prevent,\n"
    "(a) crime and disorder in its area (including anti-social and other behaviour adversely "
    "affecting the local environment);\n"
    "(b) the misuse of drugs, alcohol and other substances in its area;\n"
    "(c) re-offending in its area; and\n"
    "(d) serious violence in its area."
)

# When the wording above was last compared with legislation.gov.uk for the demo.
SECTION_17_CHECKED = datetime.date(2026, 11, 2)

TEAM_CONTACT = {
    "name": "Community safety team",
    "email": "community.safety@millbrook.example",
    "phone": "01632 960 000",
    "address": "",
    "hours": "Monday to Friday, 9am to 5pm",
}


def strategy(title, publisher, year, link, month=None, superseded_by=""):
    return {
        "title": title,
        "publisher": publisher,
        "year": year,
        "month": month,
        "link": link,
        "status": StrategyDocument.Status.SUPERSEDED if superseded_by else StrategyDocument.Status.CURRENT,
        "superseded_by": superseded_by,
    }


def key_facts(*facts):
    return body(("key_facts", {"facts": list(facts)}))


def set_strategies(strategies):
    def setter(page):
        page.strategy_documents = [
            StrategyDocument(sort_order=order, **fields) for order, fields in enumerate(strategies)
        ]

    return setter


def set_related_pages(pages):
    def setter(page):
        page.related_pages = [
            WorkstreamRelatedPage(sort_order=order, related_page=related)
            for order, related in enumerate(pages)
        ]

    return setter


def set_related_workstreams(workstreams):
    def setter(page):
        page.related_workstreams = [
            DutyRelatedWorkstream(sort_order=order, workstream=workstream)
            for order, workstream in enumerate(workstreams)
        ]

    return setter


def load_duties_index(home):
    return upsert_page(
        home,
        DutyIndexPage,
        "statutory-duties",
        title="Statutory duties",
        show_in_menus=True,
        summary=(
            "The legal duties the partners share as a community safety partnership: what the law "
            "says, who it applies to and what we do to meet it."
        ),
        intro=paragraph(
            "Parliament has given the organisations in our partnership legal duties to work together "
            "on crime and community safety. Each page below sets out the law's own words, who it "
            "applies to and how we meet it in Millbrook."
        ),
        body=body(
            ("heading", {"text": "Other duties the partners carry out", "level": "h2"}),
            (
                "paragraph",
                paragraph(
                    "The partnership must also consider holding a domestic homicide review when someone "
                    "aged 16 or over dies and violence, abuse or neglect by a relative, partner or member "
                    "of their household may have caused the death. That duty comes from section 9 of the "
                    "Domestic Violence, Crime and Victims Act 2004.",
                    "Councils also have the Prevent duty: to consider, in their work, the need to stop "
                    "people being drawn into terrorism. Our CONTEST workstream page explains what that "
                    "means locally.",
                ),
            ),
        ),
    )


def load_section_17(duties_index):
    # The local NHS body's name follows the nation: an Integrated Care Board in England, a
    # Local Health Board in Wales.
    with translation.override("en-gb"):
        nhs_body = str(SiteSettings.for_site(duties_index.get_site()).nhs_body)
    return upsert_page(
        duties_index,
        DutyPage,
        "section-17",
        title="Section 17: preventing crime in everything we do",
        summary=(
            "The legal duty on councils and other public bodies to consider how all their work affects "
            "crime and disorder, substance misuse, re-offending and serious violence, and to do what "
            "they reasonably can to prevent them."
        ),
        legislation_title="Crime and Disorder Act 1998",
        section="17(1)",
        legislation_url=SECTION_17_URL,
        statute_text=SECTION_17_TEXT,
        amended_by=(
            "the Police and Justice Act 2006, the Policing and Crime Act 2009 and the Police, Crime, "
            "Sentencing and Courts Act 2022, which added serious violence"
        ),
        wording_checked=SECTION_17_CHECKED,
        applies_to_intro=(
            "Section 17(2) of the Act lists the public bodies the duty applies to, including councils and "
            "fire and rescue authorities; the full list is on legislation.gov.uk. In Millbrook, all of the "
            "partnership's responsible authorities have agreed to work to it:"
        ),
        applies_to=[
            (
                "authority",
                {
                    "name": "The council",
                    "description": (
                        "Millbrook District Council, across planning, housing, licensing, transport, "
                        "parks and youth services."
                    ),
                },
            ),
            (
                "authority",
                {
                    "name": "The police",
                    "description": (
                        "Millshire Police, with the Police and Crime Commissioner, who sets local policing "
                        "priorities and funds much of the partnership's work."
                    ),
                },
            ),
            (
                "authority",
                {
                    "name": "Fire and rescue",
                    "description": (
                        "Millshire Fire and Rescue Service, through home safety visits, arson prevention "
                        "and road safety education."
                    ),
                },
            ),
            (
                "authority",
                {
                    "name": "Probation",
                    "description": (
                        "The Probation Service, which supervises people serving community sentences or "
                        "released on licence."
                    ),
                },
            ),
            (
                "authority",
                {
                    "name": "The local NHS body",
                    "description": (
                        f"Millshire {nhs_body}, which plans and pays for local health services, "
                        "including drug and alcohol treatment."
                    ),
                },
            ),
        ],
        functions=[
            (
                "function",
                {
                    "name": "Crime and disorder",
                    "description": (
                        "Including anti-social behaviour and other behaviour that harms the local "
                        "environment, such as graffiti, fly-tipping and vandalism."
                    ),
                },
            ),
            (
                "function",
                {
                    "name": "Road safety",
                    "description": (
                        "Not named in the Act, but a long-standing local priority: speeding, drink and "
                        "drug driving, and safer routes to school."
                    ),
                },
            ),
            (
                "function",
                {
                    "name": "Substance misuse",
                    "description": "The misuse of drugs, alcohol and other substances, and the harm it brings.",
                },
            ),
            (
                "function",
                {
                    "name": "Reducing re-offending",
                    "description": (
                        "Helping people who have offended to stop, through housing, work, and drug and "
                        "alcohol treatment."
                    ),
                },
            ),
            (
                "function",
                {
                    "name": "Serious violence",
                    "description": (
                        "Added to the duty in 2022. Locally this includes knife crime, violence in public "
                        "places and domestic abuse."
                    ),
                },
            ),
        ],
        how_we_meet_it=(
            "<h3>Knowing the problems</h3>"
            + paragraph(
                "Each year the partners pool their data in a strategic assessment of crime and disorder in "
                "Millbrook. It shows where problems are growing and who is most affected."
            )
            + "<h3>Planning together</h3>"
            + paragraph(
                "The assessment shapes the partnership plan, which sets our priorities and says which "
                "partner leads on each."
            )
            + "<h3>Making it part of everyday decisions</h3>"
            + paragraph(
                "Council committee reports include a section on crime and disorder, so that decisions on "
                "things such as planning, licensing and street lighting take account of their effect on "
                "community safety. New staff learn about the duty in their induction."
            )
        ),
    )


def load_workstreams_index(home):
    return upsert_page(
        home,
        WorkstreamIndexPage,
        "workstreams",
        title="Workstreams",
        show_in_menus=True,
        summary=(
            "The national and local programmes the partnership helps deliver, who leads each one and "
            "what we do about them in Millbrook."
        ),
        intro=paragraph(
            "Some of our work follows strategies set by the UK Government or the Welsh Government. Each "
            "workstream page explains the national strategy, the facts behind it and what the partners "
            "do locally."
        ),
    )


def load_contest(index, section_17):
    return upsert_page(
        index,
        WorkstreamPage,
        "contest",
        title="CONTEST: counter-terrorism",
        summary=(
            "The UK's counter-terrorism strategy, its four strands, and how the partners meet the Prevent "
            "duty in Millbrook."
        ),
        lead=Lead.UK,
        related_duty=section_17,
        body=body(
            (
                "paragraph",
                paragraph(
                    "CONTEST is the UK Government's strategy for countering terrorism. It aims to lower the "
                    "risk terrorism poses to the UK, its people and its interests abroad, so that everyone "
                    "can live their lives freely and with confidence. The latest version was published in "
                    "July 2023."
                ),
            ),
            ("heading", {"text": "The four strands", "level": "h2"}),
            (
                "paragraph",
                "<ul>"
                "<li><b>Prevent</b>: stopping people from becoming terrorists or supporting terrorism</li>"
                "<li><b>Pursue</b>: stopping terrorist attacks</li>"
                "<li><b>Protect</b>: making people and places harder to attack</li>"
                "<li><b>Prepare</b>: reducing the harm if an attack happens</li>"
                "</ul>",
            ),
            ("heading", {"text": "The Prevent duty", "level": "h2"}),
            (
                "paragraph",
                paragraph(
                    "Councils, along with other public bodies such as schools, health services and the "
                    "police, have a legal duty to consider the need to stop people being drawn into "
                    "terrorism when they carry out their work. This is known as the Prevent duty."
                ),
            ),
            (
                "warning",
                {"text": "If you see something suspicious and someone could be in danger, call 999."},
            ),
        ),
        key_facts=key_facts(
            {
                "figure": "4",
                "description": "strands in the strategy: Prevent, Pursue, Protect and Prepare",
                "source": "Home Office, CONTEST",
                "source_url": "",
                "year": 2023,
            }
        ),
        strategy_documents=set_strategies(
            [
                strategy(
                    "CONTEST: the United Kingdom's strategy for countering terrorism 2023",
                    "Home Office",
                    2023,
                    "https://www.gov.uk/government/publications/counter-terrorism-strategy-contest-2023",
                    month=7,
                ),
            ]
        ),
        local_delivery=(
            paragraph(
                "The council leads a Prevent partnership group with the police, schools, colleges, health "
                "services and community organisations. It trains frontline staff to notice when someone may "
                "be at risk of radicalisation and to know what to do.",
                "The council also chairs the local Channel panel, which offers voluntary, confidential "
                "support to people who are at risk of being drawn into terrorism.",
            )
        ),
        contacts=body(
            (
                "contact",
                {
                    "name": "Prevent coordinator",
                    "email": "prevent@millbrook.example",
                    "phone": "01632 960 000",
                    "address": "",
                    "hours": "Monday to Friday, 9am to 5pm",
                },
            )
        ),
    )


def load_serious_organised_crime(index, section_17):
    return upsert_page(
        index,
        WorkstreamPage,
        "serious-and-organised-crime",
        title="Serious and organised crime",
        summary=(
            "How the partners work together against organised crime such as drug dealing, exploitation "
            "and fraud, and the national strategies behind that work."
        ),
        lead=Lead.UK,
        related_duty=section_17,
        body=body(
            (
                "paragraph",
                paragraph(
                    "Serious and organised crime is crime planned and carried out by groups, usually for "
                    "money. It includes drug supply, including 'county lines' gangs that use children and "
                    "vulnerable adults to move drugs, as well as modern slavery, large-scale fraud and "
                    "money laundering.",
                    "The UK Government first set out its strategy in October 2013. It has since been "
                    "replaced twice: by a new strategy in 2018, and then by the strategy for 2023 to 2028.",
                ),
            ),
            ("heading", {"text": "Reporting organised crime", "level": "h2"}),
            (
                "paragraph",
                paragraph(
                    "You can report information about crime without giving your name to the independent "
                    "charity Crimestoppers on 0800 555 111. In an emergency, call 999."
                ),
            ),
        ),
        key_facts=key_facts(
            {
                "figure": "£24bn",
                "description": "estimated cost of serious and organised crime to the UK each year",
                "source": "Home Office, Serious and Organised Crime Strategy",
                "source_url": "https://www.gov.uk/government/publications/serious-organised-crime-strategy",
                "year": 2013,
            }
        ),
        strategy_documents=set_strategies(
            [
                strategy(
                    "Serious and Organised Crime Strategy 2023 to 2028",
                    "Home Office",
                    2023,
                    "https://www.gov.uk/government/publications/serious-and-organised-crime-strategy-2023-to-2028",
                    month=12,
                ),
                strategy(
                    "Serious and Organised Crime Strategy 2018",
                    "Home Office",
                    2018,
                    "https://www.gov.uk/government/publications/serious-and-organised-crime-strategy-2018",
                    month=11,
                    superseded_by="the Serious and Organised Crime Strategy 2023 to 2028",
                ),
                strategy(
                    "Serious and Organised Crime Strategy",
                    "Home Office",
                    2013,
                    "https://www.gov.uk/government/publications/serious-organised-crime-strategy",
                    month=10,
                    superseded_by="the Serious and Organised Crime Strategy 2018",
                ),
            ]
        ),
        local_delivery=paragraph(
            "A partnership group of the police, the council, housing providers, schools and health services "
            "meets every month. It shares what each partner knows about organised crime groups working in "
            "Millbrook and agrees how to disrupt them, for example by closing properties used for drug "
            "dealing or checking licensed premises.",
            "Youth and children's services work with the police to spot young people being exploited by "
            "county lines gangs and to help them leave safely.",
        ),
        contacts=body(("contact", TEAM_CONTACT)),
    )


def load_offender_management(index, section_17):
    return upsert_page(
        index,
        WorkstreamPage,
        "integrated-offender-management",
        title="Integrated Offender Management",
        summary=(
            "How the police, probation and other partners jointly manage the small number of people who "
            "commit the most crime locally, to help them stop."
        ),
        lead=Lead.LOCAL,
        related_duty=section_17,
        body=body(
            (
                "paragraph",
                paragraph(
                    "Integrated Offender Management, often shortened to IOM, brings partners together to "
                    "manage the people whose offending causes most harm in an area. Instead of each agency "
                    "working alone, they agree one plan for each person, combining support to change with "
                    "close supervision.",
                    "Schemes are run locally. Since December 2020 they have followed a national strategy "
                    "that focuses on neighbourhood crimes such as burglary, robbery and theft.",
                ),
            ),
        ),
        strategy_documents=set_strategies(
            [
                strategy(
                    "Neighbourhood Crime Integrated Offender Management Strategy",
                    "Ministry of Justice and Home Office",
                    2020,
                    "https://www.gov.uk/government/publications/neighbourhood-crime-integrated-offender-management-strategy",
                    month=12,
                ),
            ]
        ),
        local_delivery=paragraph(
            "Police officers and probation staff in Millbrook's IOM team work from the same office. Together "
            "with housing, employment and drug and alcohol services, they help each person on the scheme "
            "find stable housing, work and treatment, and act quickly if they start to offend again.",
        ),
        contacts=body(("contact", TEAM_CONTACT)),
    )


def load_community_cohesion(index, section_17):
    return upsert_page(
        index,
        WorkstreamPage,
        "community-cohesion",
        title="Community cohesion",
        summary=(
            "Helping people from different backgrounds get on well together, and the Welsh Government "
            "programme that supports this work."
        ),
        lead=Lead.WALES,
        related_duty=section_17,
        body=body(
            (
                "paragraph",
                paragraph(
                    "Community cohesion means people from different backgrounds living alongside each other "
                    "with understanding and respect. It covers tackling hate crime, supporting people who "
                    "are new to an area and noticing early when tensions are rising.",
                    "In June 2014 the Welsh Government published its National Community Cohesion Delivery "
                    "Plan for 2014 to 2016, to strengthen and sustain local and regional work on cohesion. "
                    "A further plan followed for 2016 to 2017.",
                ),
            ),
        ),
        strategy_documents=set_strategies(
            [
                strategy(
                    "National Community Cohesion Delivery Plan 2014 to 2016",
                    "Welsh Government",
                    2014,
                    "https://www.gov.wales/written-statement-community-cohesion-national-delivery-plan",
                    month=6,
                    superseded_by="the Community Cohesion National Delivery Plan 2016 to 2017",
                ),
            ]
        ),
        local_delivery=paragraph(
            "At the time of writing, the Welsh Government funds regional community cohesion coordinators, "
            "who work with councils and their partners. Arrangements can change, so check the Welsh "
            "Government's website for the latest position.",
            "We share information with the regional coordinator about community tensions and hate "
            "incidents, and work together on events that bring neighbours together.",
        ),
        contacts=body(("contact", TEAM_CONTACT)),
    )


def load(home):
    duties_index = load_duties_index(home)
    section_17 = load_section_17(duties_index)
    workstreams_index = load_workstreams_index(home)
    contest = load_contest(workstreams_index, section_17)
    organised_crime = load_serious_organised_crime(workstreams_index, section_17)
    offender_management = load_offender_management(workstreams_index, section_17)
    cohesion = load_community_cohesion(workstreams_index, section_17)

    # Cross-links, once every page exists.
    links = {
        contest: [organised_crime, cohesion],
        organised_crime: [offender_management, contest],
        offender_management: [organised_crime],
        cohesion: [contest],
    }
    for page, related in links.items():
        upsert_page(workstreams_index, WorkstreamPage, page.slug, related_pages=set_related_pages(related))
    upsert_page(
        duties_index,
        DutyPage,
        section_17.slug,
        related_workstreams=set_related_workstreams(
            [contest, organised_crime, offender_management, cohesion]
        ),
    )
    return {"duties": duties_index, "workstreams": workstreams_index}
