"""SQL budget for every public page type, rendered cold for an anonymous reader.

Each page type is rendered from the demo content; a new page type without a demo page
fails ``test_every_page_type_is_measured`` until it is added there. The DHR listing's
5-versus-500-reviews check lives in tests/dhr/test_listing.py; the review page's is here.
"""

import pytest
from django.apps import apps
from django.core.cache import cache
from wagtail.models import Page

from core.visibility import filter_visible
from dhr.models import DHRIndexPage, ReviewPage
from i18n.languages import forget_locales
from tests.dhr.builders import make_document, make_index, make_many_live_reviews, make_review
from tests.helpers import get_with_query_count

pytestmark = pytest.mark.django_db

BUDGET = 15
DUTIES_BUDGET = 12
OTHER_PUBLIC_URLS = [
    "/search/",
    "/domestic-homicide-reviews/feed/",
    "/publications/feed/",
    "/publications/?kind=plan",
    "/publications/partnership-plan-2025-2028/web-version/",
    "/sitemap.xml",
    "/no-such-page/",
    "/learning-themes/coercive-control/",
    "/learning-themes/no-such-theme/",
    "/domestic-homicide-reviews/?theme=coercive-control",
    "/domestic-homicide-reviews/?theme=no-such-theme",
]
# Plain words, a page further on, an abbreviation (synonyms) and a misspelling ("Did you
# mean", which reads the visible pages' words).
SEARCH_RESULT_URLS = [
    "/search/?q=review",
    "/search/?q=review&page=2",
    "/search/?q=DHR",
    "/search/?q=homocide",
]


def page_types():
    """Every concrete page model the project defines (Wagtail's own base Page aside)."""
    return sorted(
        (
            model
            for model in apps.get_models()
            if issubclass(model, Page)
            and model is not Page
            and model._meta.app_label in {"home", "dhr", "duties", "publications", "themes"}
        ),
        key=lambda model: model._meta.label,
    )


def measure(client, url):
    cache.clear()  # cold: Wagtail's site-root paths are fetched too
    return get_with_query_count(client, url)


def test_every_page_type_is_measured(demo_site):
    live = {type(page) for page in Page.objects.live().specific()}
    assert set(page_types()) <= live, "add a demo page for each page type so its budget is checked"


@pytest.mark.parametrize("model", page_types(), ids=lambda model: model._meta.label)
def test_each_demo_page_renders_within_budget(demo_site, client, model):
    pages = model.objects.live()
    assert pages.exists()
    for page in pages:
        response, queries = measure(client, page.url)
        assert response.status_code in (200, 410), page.url
        assert queries <= BUDGET, f"{page.url} took {queries} queries cold"
        if model._meta.app_label == "duties":
            # The duties pages' own budget, measured as tests/duties does: once Wagtail
            # has cached the site-root paths, as it has for every reader but the first.
            _, queries = get_with_query_count(client, page.url)
            assert queries <= DUTIES_BUDGET, f"{page.url} took {queries} queries"


@pytest.mark.parametrize("url", OTHER_PUBLIC_URLS)
def test_search_sitemap_and_not_found_render_within_budget(demo_site, client, url):
    response, queries = measure(client, url)
    assert response.status_code in (200, 400, 404)
    assert queries <= BUDGET, f"{url} took {queries} queries"


def test_learning_pages_queries_do_not_grow_with_the_reviews(client, home_page, site_settings):
    """The theme page, the listing filtered by theme and "What we have learned", with 5
    tagged reviews and with 100, each with a recommendation."""
    from dhr.models import Recommendation
    from tests.learning import make_learning_page, make_theme, make_theme_index

    index = make_index(home_page)
    themes_page = make_theme_index(home_page)
    theme = make_theme("Coercive control")
    learned = make_learning_page(index)
    documents = [make_document("Shared report")]
    urls = [f"{themes_page.url}coercive-control/", f"{index.url}?theme=coercive-control", learned.url]

    def add_tagged(count):
        reviews = make_many_live_reviews(index, count, documents)
        ReviewPage.themes.through.objects.bulk_create(
            [ReviewPage.themes.through(reviewpage_id=review.pk, theme_id=theme.pk) for review in reviews]
        )
        Recommendation.objects.bulk_create(
            [
                Recommendation(
                    page=review, text="Train staff.", agencies="Police", locale_id=review.locale_id
                )
                for review in reviews
            ]
        )

    add_tagged(5)
    forget_locales()
    few = {url: measure(client, url)[1] for url in urls}
    add_tagged(95)
    forget_locales()
    for url in urls:
        response, many = measure(client, url)
        assert response.status_code == 200, url
        assert "&#x27;Person 0&#x27;" in response.content.decode() or url == learned.url
        assert many == few[url], url
        assert many <= BUDGET, f"{url} took {many} queries"
    assert "100" in client.get(learned.url).content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("url", SEARCH_RESULT_URLS)
def test_search_results_render_within_budget(demo_site, client, url):
    """Cold, and the first time the words are searched for (so the query log adds its
    rows): results of every page type from a fixed number of queries.

    Outside a test's transaction, as a reader's request runs (the site does not wrap
    requests in one): inside one, the search's planner settings and the query log each
    take a savepoint's worth of statements more than they do in production."""
    response, queries = measure(client, url)
    assert response.status_code in (200, 404)
    assert queries <= BUDGET, f"{url} took {queries} queries"


def test_search_results_of_every_page_type_show_their_own_summary(demo_site, client):
    """Results are read as base pages with each page type's summary joined in, not
    loaded type by type: each still shows its own page's summary, title and address."""
    response = client.get("/search/?q=review")
    results = response.context["results"]
    types = set()
    for result in results:
        page = Page.objects.get(pk=result.page_id).specific
        types.add(type(page))
        assert result.title == page.title
        assert result.url == page.url
        assert result.summary == (page.summary or page.search_description)
        assert result.summary
    assert len(types) >= 3, types


def test_review_page_queries_do_not_grow_with_other_reviews(client, home_page, site_settings):
    """Measured with the site settings stored, as after a site's first request."""
    index = make_index(home_page)
    review = make_review(index, "Amira")
    documents = [make_document("Shared report")]
    make_many_live_reviews(index, 4, documents)
    # Both measurements look the (missing) Welsh locale up afresh: it is looked up again a
    # minute after a miss, so on a slow run only the second one would count that query.
    forget_locales()
    _, few = measure(client, review.url)

    make_many_live_reviews(index, 495, documents)
    assert ReviewPage.objects.child_of(DHRIndexPage.objects.get()).count() == 500
    forget_locales()
    response, many = measure(client, review.url)

    assert response.status_code == 200
    assert few == many
    assert many <= BUDGET


# Wales: every page also looks up its counterpart in the other language, a Welsh page its
# translated home page, and a review whether any language of it has come down. Warm, that
# fits the same budget; cold, Wagtail's site-root paths list the home page's translations
# too (one more query, then cached for an hour), and the first look-up of the locales.
WALES_WARM_BUDGET = BUDGET
WALES_COLD_CEILING = BUDGET + 2


def test_english_and_welsh_pages_within_budget_in_wales(demo_site, client):
    from core.models import SiteSettings
    from dhr.models import RequestCopyFormPage
    from tests.welsh import offer_welsh, translate, welsh_home

    locale = offer_welsh(SiteSettings.for_site(demo_site))
    welsh_home(demo_site.root_page, locale)
    index = DHRIndexPage.objects.get()
    welsh_index = translate(index, locale, slug="adolygiadau")
    welsh_form = translate(RequestCopyFormPage.objects.get(), locale, slug="gofyn-am-gopi")
    review = filter_visible(ReviewPage.objects.all()).first()
    welsh_review = translate(review, locale)
    urls = [
        "/",
        "/cy/",
        index.url,
        welsh_index.url,
        welsh_form.url,
        review.url,
        welsh_review.url,
        "/sitemap.xml",
    ]
    for url in urls:
        response, cold = measure(client, url)
        assert response.status_code == 200, url
        _, warm = get_with_query_count(client, url)
        assert cold <= WALES_COLD_CEILING, f"{url} took {cold} queries cold"
        assert warm <= WALES_WARM_BUDGET, f"{url} took {warm} queries warm"
