"""The worker outlives a database that goes away (issue 24, item 8: after a
PostgreSQL restart in the fault bench, `masthead worker` had exited on its
next query, and no email was sent again). Against a real PostgreSQL, whose
server ends the worker's connection; SQLite has no server to lose."""

from io import StringIO

import psycopg
import pytest
from django.db import connection

from masthead.jobs import queue
from masthead.jobs.management.commands.worker import Command

pytestmark = pytest.mark.django_db(transaction=True)


@queue.job()
def count_one():
    return 1


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs a database server to lose (the PostgreSQL run)")
    yield
    connection.close()
    if getattr(connection, "pool", None) is not None:
        connection.close_pool()


def end_our_connections():
    params = connection.get_connection_params()
    for key in ("cursor_factory", "context", "pool"):
        params.pop(key, None)
    params.update(dbname="postgres", autocommit=True)
    with psycopg.connect(**{k: v for k, v in params.items() if v is not None}) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [connection.settings_dict["NAME"]],
        )


def worker():
    command = Command(stdout=StringIO())
    command.daily_done, command.worker_id, command.next_reclaim = {}, "masthead-t", 0.0
    return command


def test_a_lost_database_connection_is_logged_and_the_next_tick_works():
    command = worker()
    command.tick_surviving()  # connected
    end_our_connections()
    command.tick_surviving()  # its first query fails: logged, not raised
    assert "the database did not answer" in command.stdout.getvalue()
    queue.enqueue(count_one)
    command.tick_surviving()
    assert "count_one successful" in command.stdout.getvalue()
