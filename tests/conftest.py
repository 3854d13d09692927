import shutil
import sys

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


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    return bool({"transactional_db", "live_server", "django_db_reset_sequences"} & set(item.fixturenames))


def _shares_demo(item):
    return "_shared_demo" in getattr(item, "fixturenames", ())


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Consecutive tests of a module that use the demo site share one load of it
    (``_shared_demo``), unless they commit transactions of their own. So within each run
    of a module's tests (as pytest-django has ordered them), they go last."""
    for item in items:
        if "demo_site" in item.fixturenames and not _is_transactional(item):
            item.fixturenames.insert(0, "_shared_demo")  # set up first, before ``db``
    ordered, run = [], []
    for item in items:
        if run and (
            item.module is not run[-1].module or _is_transactional(item) != _is_transactional(run[-1])
        ):
            ordered += sorted(run, key=_shares_demo)
            run = []
        run.append(item)
    ordered += sorted(run, key=_shares_demo)
    items[:] = ordered


class SharedDemo:
    """The demo site loaded inside a transaction that stays open while consecutive tests
    of one module use it; each test runs in a savepoint inside it (pytest-django's own
    transaction), so what one test changes is gone for the next."""

    module = None
    transaction = None
    media = None
    blocker = None  # pytest-django's django_db_blocker (session-wide)

    @classmethod
    def begin(cls, item, blocker, media):
        from django.db import transaction

        cls.transaction = transaction.atomic()
        with blocker.unblock():
            cls.transaction.__enter__()
            try:
                from django.test import override_settings

                with override_settings(MEDIA_ROOT=media):
                    call_command("load_demo_content", verbosity=0)
            except BaseException:
                cls.transaction.__exit__(*sys.exc_info())
                cls.transaction = None
                raise
        cls.module, cls.media, cls.blocker = item.module, media, blocker

    @classmethod
    def end(cls):
        from django.db import transaction

        if cls.transaction is None:
            return
        with cls.blocker.unblock():
            transaction.set_rollback(True)
            cls.transaction.__exit__(None, None, None)
        cls.module = cls.transaction = cls.media = None


@pytest.fixture
def _shared_demo(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo site for this test, loaded once for the consecutive tests of its module
    that use it (see ``SharedDemo``; ended by ``pytest_runtest_teardown``). Returns the
    folder of the demo's uploaded files, which ``demo_site`` copies into the test's own
    media folder. Loading the demo takes seconds; a hundred tests use it."""
    if SharedDemo.module is not request.node.module:
        SharedDemo.end()
        SharedDemo.begin(request.node, django_db_blocker, tmp_path_factory.mktemp("demo-media"))
    return SharedDemo.media


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield  # the test's own fixtures, its transaction included, are gone now
    if SharedDemo.transaction is not None and not (
        nextitem is not None and _shares_demo(nextitem) and nextitem.module is SharedDemo.module
    ):
        SharedDemo.end()


@pytest.fixture
def demo_site(request, db, settings):
    """The full demo site, as `make run` builds it: shared by the module's tests
    (``_shared_demo``), or loaded for this test alone when it commits transactions."""
    if "_shared_demo" in request.fixturenames:
        shutil.copytree(request.getfixturevalue("_shared_demo"), settings.MEDIA_ROOT, dirs_exist_ok=True)
        # What loading the demo in this test would have left known: the languages, and
        # (from its last publish) the next scheduled change, in the emptied page cache.
        from i18n.languages import DEFAULT_LANGUAGE, locale_id_for
        from ops.caching import next_change

        locale_id_for(DEFAULT_LANGUAGE)
        next_change()
    else:
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
