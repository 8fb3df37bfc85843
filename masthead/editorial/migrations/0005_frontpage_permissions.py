"""Editors curate the front page: pins, section layouts, the banner (issue 20)."""

from django.db import migrations


def grant(apps, schema_editor):
    from masthead.editorial.roles import grant_in_migration

    grant_in_migration(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0004_desk"),
        ("frontpage", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
