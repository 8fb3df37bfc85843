"""Project-wide test fixtures."""

import itertools

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Every test writes uploads to its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    from masthead.pagecache.memo import UntilPurge
    from masthead.pagecache.store import local_pages

    def forget():
        cache.clear()
        local_pages.clear()
        UntilPurge.clear_all()  # rows kept from another test's database

    forget()
    yield
    forget()


from masthead.core.tests.browser import browser  # noqa: E402,F401  (shared fixture)
from masthead.core.tests.smtp import smtp_server  # noqa: E402,F401  (shared fixture)


@pytest.fixture
def purges_at_once(monkeypatch):
    """Purges wait for a commit, which a test's transaction never reaches:
    with this fixture they run as soon as they are asked for."""
    monkeypatch.setattr(
        "masthead.pagecache.purges.transaction.on_commit", lambda fn: fn()
    )


@pytest.fixture
def make_user(db):
    """A staff account holding one of the newsroom's roles (from the migrations)."""
    from django.contrib.auth.models import Group, User

    def make(role):
        user = User.objects.create_user(
            f"{role.lower()}{next(_user_numbers)}", password="pw", is_staff=True
        )
        user.groups.add(Group.objects.get(name=role))
        return User.objects.get(pk=user.pk)  # fresh: no stale permission cache

    return make


_user_numbers = itertools.count(1)


@pytest.fixture
def client_factory():
    """Fresh test clients: separate readers with separate cookies."""
    from django.test import Client

    return Client


@pytest.fixture(scope="session", autouse=True)
def _drop_stray_sessions(django_db_setup, django_db_blocker):
    """Let Django drop the PostgreSQL test database at the end of the run.

    After the comments tests one idle pooled connection outlived the pool
    Django closes before dropping the database (which thread opened it is not
    known); PostgreSQL then refused the DROP, and each run left a
    test_masthead_<pid> database behind."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    # A fresh connection: a pooled one may have been ended by a test that
    # plays a database restart (comments/tests/test_faults.py).
    connection.close()
    if hasattr(connection, "close_pool"):
        connection.close_pool()
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(params=["caches off", "caches on"])
def production_path(request, settings, monkeypatch):
    """Run a test twice: as tests run by default, and as production runs, with
    the page cache and the row memo on and each purge run as its commit would
    (issue 18). A module opts in with usefixtures("production_path")."""
    if request.param == "caches on":
        settings.MASTHEAD_PAGE_CACHE = True
        settings.MASTHEAD_ROW_MEMO = True
        monkeypatch.setattr(
            "masthead.pagecache.purges.transaction.on_commit", lambda fn: fn()
        )
    return request.param


from masthead.media.tests.seaweed import s3_media, seaweedfs  # noqa: E402,F401  (shared fixtures)
