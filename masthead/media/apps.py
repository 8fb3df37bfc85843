from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "masthead.media"
    label = "media"
    verbose_name = "Media library"

    def ready(self):
        from masthead.jobs import chores

        from . import signal_handlers, tasks

        signal_handlers.connect()
        chores.register(tasks.make_missing_renditions_chore)
