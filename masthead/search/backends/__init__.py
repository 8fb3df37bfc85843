"""One search interface; the database in use picks the backend."""

from django.db import connection
from django.db.utils import NotSupportedError

from .postgres import PostgresBackend
from .sqlite import SQLiteBackend

BACKENDS = {backend.vendor: backend for backend in (SQLiteBackend, PostgresBackend)}


def get_backend():
    try:
        return BACKENDS[connection.vendor]()
    except KeyError as err:
        raise NotSupportedError(
            "Masthead's search supports SQLite and PostgreSQL, "
            f"not {connection.vendor}."
        ) from err


def search(text, *, filters=None, page_number=1, per_page=None):
    """A page of Hit(article, snippet, rank) for the reader's query, best first."""
    return get_backend().search(
        text, filters=filters, page_number=page_number, per_page=per_page
    )
