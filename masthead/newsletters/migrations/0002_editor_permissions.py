"""Editors run the newsletters (issue 23): lists, suppressions, editions, sending."""

from django.db import migrations


def grant(apps, schema_editor):
    from masthead.editorial.roles import grant_in_migration

    grant_in_migration(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("newsletters", "0001_initial"),
        ("editorial", "0003_embed_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
