"""Secondary indexes set aside while a large import fills its tables (issue 22).

The comments table has ten indexes, three of them on values in no order
(`created_at`, `(status, created_at)`, `LOWER(email)`): each inserted row
updates all ten, and once the indexes outgrow the page cache most updates
read their pages back from the OS. Building an index once over the filled
table sorts its rows in one go instead. So an import of many posts into a
site with few comments drops the non-unique indexes of the comments table
and of the comments' import records before its first batch, and builds them
again after its last: never a primary key or a unique constraint (those keep
a second run from writing a row twice).

The indexes are built again with Django's own statements for the model, the
ones its migrations ran, so the schema is the migrated one afterwards (a
test compares them). A killed import leaves them dropped; every import run
(not a dry run) builds whatever is missing once it has written its posts, so
running it again, as a killed import is meant to be, puts them back. Until
then the site works, only slower where those indexes serve.
"""

import re

from django.db import connection

from masthead.comments.models import Comment

from .models import ImportedComment

MODELS = (Comment, ImportedComment)
LARGE = 1000  # posts to write: fewer add rows too few for the indexes to slow them
_NAME = re.compile(r'^CREATE INDEX "?([^"\s]+)"? ON ')


class SetAside:
    """While an import writes `posts` new posts: without the tables' secondary
    indexes when that is worth it (see the module's docstring)."""

    def __init__(self, *, posts, dry_run=False):
        self.dry_run = dry_run
        self.dropped = (not dry_run and posts >= LARGE
                        and Comment.objects.count() < posts)  # fmt: skip

    def __enter__(self):
        if self.dropped:
            with connection.cursor() as cursor:
                for _model, name, _sql in secondary_indexes():
                    quoted = connection.ops.quote_name(name)
                    cursor.execute(f"DROP INDEX IF EXISTS {quoted}")
        return self

    def __exit__(self, *exc):
        if not self.dry_run:  # a dry run's transaction is still open: no DDL in it
            restore()
        return False


def secondary_indexes():
    """(model, index name, CREATE INDEX statement) for each non-unique index
    Django makes for MODELS (the field indexes and Meta.indexes that its
    migrations create: schema_editor._model_indexes_sql, as CreateModel runs)."""
    # Not entered as a context: SQLite's editor refuses to start inside a
    # transaction (a test's), and only statements are wanted from it here.
    editor = connection.schema_editor(collect_sql=True)
    found = []
    for model in MODELS:
        for statement in editor._model_indexes_sql(model):
            sql = str(statement)
            match = _NAME.match(sql)
            if match:  # CREATE UNIQUE INDEX does not match: kept, never dropped
                found.append((model, match.group(1), sql))
    return found


def restore():
    """Build every index of secondary_indexes() that the database lacks."""
    wanted = secondary_indexes()
    if connection.vendor == "postgresql" and connection.in_atomic_block:
        # PostgreSQL builds no index on a table with foreign key checks still
        # deferred in the transaction: run them now, as Django's own
        # check_constraints() does. (An import commits each batch; only a
        # caller's transaction, a test's, holds any.)
        connection.check_constraints()
    with connection.cursor() as cursor:
        introspection = connection.introspection
        present = {
            model: set(introspection.get_constraints(cursor, model._meta.db_table))
            for model in MODELS
        }
        for model, name, sql in wanted:
            if name not in present[model]:
                cursor.execute(sql)
