from django.apps import AppConfig

from masthead.jobs import chores


class EditorialConfig(AppConfig):
    """Roles, review states, revisions, preview links, scheduling, the back office."""

    name = "masthead.editorial"
    label = "editorial"
    verbose_name = "Editorial workflow"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import roles, tasks

        chores.register(tasks.publish_due_chore)

        # Apps added later bring new permissions; the Administrator role gets them.
        post_migrate.connect(roles.sync_after_migrate, dispatch_uid="masthead_roles")
