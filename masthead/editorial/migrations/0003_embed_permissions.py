"""Writers see how their embeds resolved; Editors may resolve one again
(issue 19) and open the sources audit linked from the admin index (issue 20)."""

from django.db import migrations


def grant(apps, schema_editor):
    from masthead.editorial.roles import grant_in_migration

    grant_in_migration(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_roles"),
        ("media", "0003_embed"),
        ("quotes", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
