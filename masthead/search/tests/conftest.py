import pytest

from masthead.search import services


@pytest.fixture
def reindex(db):
    """Rebuild the index from the articles made so far (on_commit does not run in tests)."""
    return services.rebuild
