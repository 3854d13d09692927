import pytest
from django.core.management import call_command
from wagtail.models import Site

from core.models import SiteSettings
from home.models import HomePage


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files go to a fresh folder per test, never the real media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def site(db):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(site) -> HomePage:
    return site.root_page.specific


@pytest.fixture
def site_settings(site) -> SiteSettings:
    return SiteSettings.for_site(site)


@pytest.fixture
def demo_site(db):
    """The full demo site, as `make run` builds it."""
    call_command("load_demo_content", verbosity=0)
    # As on a running site after its first view: query budgets measure the steady state.
    Site.get_site_root_paths()
    return Site.objects.get(is_default_site=True)


@pytest.fixture(autouse=True)
def _forget_locale_ids():
    """Locale rows made in one test are rolled back; forget their ids between tests. And a
    request to a Welsh page leaves Welsh active in the thread: start each test in English."""
    from django.utils import translation

    from i18n.languages import forget_locales

    forget_locales()
    translation.activate("en-gb")
    yield
    forget_locales()
    translation.activate("en-gb")


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with an empty whole-page cache (and no remembered next change)."""
    from django.core.cache import caches

    caches["pagecache"].clear()
