"""Create the newsroom's roles as groups (issue 5)."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from masthead.editorial.roles import grant_in_migration

    grant_in_migration(apps)


def remove_roles(apps, schema_editor):
    from masthead.editorial.roles import ROLE_NAMES

    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_NAMES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("articles", "0002_workflow"),
        ("comments", "0001_initial"),
        ("people", "0001_initial"),
        ("media", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
