import pytest


@pytest.fixture
def editor(make_user):  # make_user: the root conftest.py
    return make_user("Editor")
