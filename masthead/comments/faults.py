"""A database fault is never a lost comment (issue 21, item 9).

During a PostgreSQL restart, 2 of ~5,000 posts got an HTTP 500 and their
readers lost what they typed. Two defences, in order:

- A pooled connection the server dropped fails on its first query, before
  anything is written: the post is tried once more on a fresh connection.
- If the database still cannot be reached, the reader gets 503 with their
  comment in the form, a sentence saying to try again, and Retry-After. The
  page is built from what needs no database: the article page if its rows
  are kept in memory, otherwise a plain page holding the form.
"""

from django.db import InterfaceError, OperationalError, connection

FAULTS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5
TRY_AGAIN = (
    "We could not save your comment just now: our database did not answer. "
    "Nothing you typed is lost; please post it again in a moment."
)


def once_more_on_fault(work):
    """work(), and once more after a connection fault, on a fresh connection.

    Inside a transaction nothing can be retried (the transaction is gone), so
    the fault is raised as it came.
    """
    try:
        return work()
    except FAULTS as fault:
        if connection.in_atomic_block or server_is_away(fault):
            raise
        # Closing hands a pooled connection back, and the pool discards a
        # broken one; without a pool it is simply closed. After a restart the
        # pool's idle connections are all dead too: check() replaces them
        # (one round trip each, paid only after a fault).
        connection.close()
        pool = getattr(connection, "pool", None)
        if pool is not None:
            pool.check()
        return work()


def server_is_away(fault):
    """The pool waited its whole timeout for a connection: the server is away,
    and trying again would keep the reader waiting as long once more."""
    return type(fault.__cause__).__name__ == "PoolTimeout"


def unavailable(response):
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
