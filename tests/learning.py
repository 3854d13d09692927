"""Builders for themes, the themes index and reviews with findings and recommendations."""

import datetime

from dhr.models import KeyFinding, LearningPage, Recommendation, ReviewPage
from tests.dhr.builders import make_review
from themes.models import Theme, ThemeIndexPage


def make_theme(name, slug=None, locale=None, description=None, **fields):
    from django.utils.text import slugify
    from wagtail.models import Locale

    return Theme.objects.create(
        name=name,
        slug=slug or slugify(name),
        description=description or f"What the reviews learned about {name.lower()}.",
        locale=locale or Locale.get_default(),
        **fields,
    )


def make_theme_index(home_page, slug="themes"):
    page = ThemeIndexPage(
        title="Learning themes", slug=slug, summary="What the reviews have taught us, by theme."
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return ThemeIndexPage.objects.get(pk=page.pk)


def make_learning_review(
    index, pseudonym, themes=(), findings=(), recommendations=(), publish=True, **fields
):
    """A review tagged with ``themes``, with ``findings`` (texts) and ``recommendations``
    (dicts of Recommendation fields), published the way editors do unless ``publish`` is false."""
    review = make_review(index, pseudonym, publish=False, **fields)
    review.themes = list(themes)
    for text in findings:
        review.key_findings.add(KeyFinding(text=text))
    for values in recommendations:
        values = {"agencies": "Kelbrook Police", "progress_updated": datetime.date(2025, 2, 1), **values}
        review.recommendations.add(Recommendation(**values))
    revision = review.save_revision()
    if publish:
        revision.publish()
    return ReviewPage.objects.get(pk=review.pk)


def make_learning_page(index, threshold=3):
    page = LearningPage(
        title="What we have learned",
        slug="what-we-have-learned",
        summary="What the reviews have taught the partnership's agencies.",
        intro="<p>Each review looks at what happened so that services can do better.</p>",
        threshold=threshold,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return LearningPage.objects.get(pk=page.pk)
