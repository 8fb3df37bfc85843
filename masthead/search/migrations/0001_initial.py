"""The search table, built the way each database searches best.

The model is unmanaged, so Django records it here but this migration's SQL
creates the table: an FTS5 virtual table on SQLite, a table with a generated
tsvector column and a GIN index on PostgreSQL.
"""

from django.db import migrations, models

import masthead.search.models

SQLITE = [
    """CREATE VIRTUAL TABLE search_entry USING fts5(
        title, standfirst, body, tokenize = 'porter unicode61'
    )""",
]

# No foreign key: Django's test flush truncates only the tables it manages, and
# a reference to articles_article would make that TRUNCATE fail. Deleting an
# article removes its row through a signal handler instead.
# Weights: a word in the headline counts more than one in the standfirst,
# which counts more than one in the body (A > B > C in ts_rank).
POSTGRESQL = [
    """CREATE TABLE search_entry (
        rowid bigint PRIMARY KEY,
        title text NOT NULL DEFAULT '',
        standfirst text NOT NULL DEFAULT '',
        body text NOT NULL DEFAULT '',
        search_entry tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('english', title), 'A')
            || setweight(to_tsvector('english', standfirst), 'B')
            || setweight(to_tsvector('english', body), 'C')
        ) STORED
    )""",
    "CREATE INDEX search_entry_document_gin ON search_entry USING gin (search_entry)",
]


def create_table(apps, schema_editor):
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(
        schema_editor.connection.vendor, []
    )
    for statement in statements:
        schema_editor.execute(statement)


def drop_table(apps, schema_editor):
    if schema_editor.connection.vendor in ("sqlite", "postgresql"):
        schema_editor.execute("DROP TABLE IF EXISTS search_entry")


class Migration(migrations.Migration):
    initial = True

    dependencies = [("articles", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "article",
                    models.OneToOneField(
                        db_column="rowid",
                        db_constraint=False,
                        on_delete=models.DO_NOTHING,
                        primary_key=True,
                        related_name="search_entry",
                        serialize=False,
                        to="articles.article",
                    ),
                ),
                ("title", models.TextField(verbose_name="headline")),
                ("standfirst", models.TextField(verbose_name="standfirst")),
                ("body", models.TextField(verbose_name="body text")),
                (
                    "document",
                    masthead.search.models.DocumentField(
                        db_column="search_entry", editable=False
                    ),
                ),
            ],
            options={
                "verbose_name": "search entry",
                "verbose_name_plural": "search entries",
                "db_table": "search_entry",
                "managed": False,
            },
        ),
        migrations.RunPython(create_table, drop_table),
    ]
