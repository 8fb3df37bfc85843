"""Editors manage redirects (issue 20): the Editor role gets their permissions.

Here rather than in editorial's migrations: it needs this app's table, and
editorial's migrations must not depend on an app above it.
"""

from django.db import migrations


def grant(apps, schema_editor):
    from masthead.editorial.roles import grant_in_migration

    grant_in_migration(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("redirects", "0001_initial"),
        ("editorial", "0003_embed_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
