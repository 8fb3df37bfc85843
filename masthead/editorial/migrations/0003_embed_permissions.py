"""Writers see how their embeds resolved; Editors may resolve one again (issue 19)."""

from django.db import migrations


def grant(apps, schema_editor):
    from masthead.editorial.roles import grant_in_migration

    grant_in_migration(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0002_roles"),
        ("media", "0003_embed"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
