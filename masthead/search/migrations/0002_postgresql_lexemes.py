"""PostgreSQL: match on a small, in-row vector; rank on the headline's.

A full tsvector with positions averages ~3.5 kB for a news story, so it is
TOASTed, and every row PostgreSQL checks or ranks costs a TOAST fetch. Now:

- `search_entry`: the lexemes of the whole story without positions
  (strip()), small enough to stay in the row; GIN-indexed; what matches.
- `headline`: title (weight A) and standfirst (B), in the row; what ranks.
- `positions`: the full vector, out of line, read only to confirm a quoted
  phrase on rows that already matched its words.

SQLite's FTS5 table is untouched. Existing PostgreSQL entries are recomputed
by the column rewrite; run `rebuild_search_index` if in doubt.
"""

from django.db import migrations

import masthead.search.models

POSTGRESQL = [
    "DROP INDEX IF EXISTS search_entry_document_gin",
    "ALTER TABLE search_entry DROP COLUMN search_entry",
    # Rows up to a page stay whole; the story text goes out of line.
    "ALTER TABLE search_entry SET (toast_tuple_target = 8160)",
    "ALTER TABLE search_entry ALTER COLUMN body SET STORAGE EXTERNAL",
    """ALTER TABLE search_entry ADD COLUMN search_entry tsvector GENERATED ALWAYS AS (
        strip(to_tsvector('english', title || ' ' || standfirst || ' ' || body))
    ) STORED""",
    """ALTER TABLE search_entry ADD COLUMN headline tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A')
        || setweight(to_tsvector('english', standfirst), 'B')
    ) STORED""",
    """ALTER TABLE search_entry ADD COLUMN positions tsvector GENERATED ALWAYS AS (
        to_tsvector('english', title) || to_tsvector('english', standfirst)
        || to_tsvector('english', body)
    ) STORED""",
    "ALTER TABLE search_entry ALTER COLUMN search_entry SET STORAGE MAIN",
    "ALTER TABLE search_entry ALTER COLUMN headline SET STORAGE MAIN",
    "ALTER TABLE search_entry ALTER COLUMN positions SET STORAGE EXTERNAL",
    "CREATE INDEX search_entry_document_gin ON search_entry USING gin (search_entry)",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRESQL:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="headline",
            field=masthead.search.models.DocumentField(
                db_column="headline", editable=False, default=""
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="searchentry",
            name="positions",
            field=masthead.search.models.DocumentField(
                db_column="positions", editable=False, default=""
            ),
            preserve_default=False,
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
