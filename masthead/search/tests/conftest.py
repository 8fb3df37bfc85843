import pytest

from masthead.search import services


@pytest.fixture
def reindex(db):
    """Rebuild the index from the articles made so far.

    (Tests run in transactions, so the on_commit index updates never fire.)
    """
    return services.rebuild
