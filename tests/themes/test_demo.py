"""The demo shows learning from reviews: the nine themes, themes, findings and
recommendations with mixed progress on the reviews, the themes index and "What we have
learned"; loading it again changes nothing."""

import pytest
from django.core.management import call_command

from dhr.models import KeyFinding, LearningPage, Recommendation, ReviewPage
from themes.models import Theme, ThemeIndexPage

pytestmark = pytest.mark.django_db


def counts():
    return (
        Theme.objects.count(),
        KeyFinding.objects.count(),
        Recommendation.objects.count(),
        ReviewPage.themes.through.objects.count(),
    )


def test_demo_has_themes_findings_and_mixed_progress(client, demo_site):
    assert Theme.objects.count() == 9
    lesley = ReviewPage.objects.get(slug="lesley")
    assert lesley.themes.count() >= 3 and lesley.key_findings.exists()
    progress = set(Recommendation.objects.values_list("progress", flat=True))
    assert {"completed", "in_progress", "not_started", "not_accepted"} <= progress
    assert ThemeIndexPage.objects.live().exists() and LearningPage.objects.live().exists()
    page = client.get(lesley.url).content.decode()
    assert "Key findings" in page and "Progress last updated" in page
    learned = client.get(LearningPage.objects.get().url).content.decode()
    assert "Fewer than 3" in learned and "Coercive control" in learned

    before = counts()
    call_command("load_demo_content", verbosity=0)
    assert counts() == before
