from django.apps import AppConfig

from masthead.jobs import chores


class NewslettersConfig(AppConfig):
    """Newsletters: sign-up with double opt-in, digests, editions, the send ledger."""

    name = "masthead.newsletters"
    label = "newsletters"
    verbose_name = "Newsletters"

    def ready(self):
        from . import signal_handlers, tasks

        signal_handlers.connect()
        chores.register(tasks.newsletters_chore)
        chores.register(tasks.purge_unconfirmed_chore, daily=True)
