from django.apps import AppConfig

from masthead.jobs import chores


class MediaConfig(AppConfig):
    name = "masthead.media"
    label = "media"
    verbose_name = "Media library"

    def ready(self):
        from . import signal_handlers, tasks

        signal_handlers.connect()
        chores.register(tasks.make_missing_renditions_chore)
