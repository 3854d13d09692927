import pytest

from tests.dhr.conftest import login  # noqa: F401  (signs in as a group's test member)
from tests.publications.builders import make_publication_index


@pytest.fixture
def index(home_page):
    return make_publication_index(home_page)
