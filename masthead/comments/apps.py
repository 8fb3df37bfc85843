from django.apps import AppConfig

from masthead.jobs import chores


class CommentsConfig(AppConfig):
    name = "masthead.comments"
    label = "comments"
    verbose_name = "Reader comments"

    def ready(self):
        from . import checks, signal_handlers, tasks  # noqa: F401  (checks register themselves)

        signal_handlers.connect()
        chores.register(tasks.send_due_emails_chore)
        chores.register(tasks.truncate_old_ips_chore, daily=True)
