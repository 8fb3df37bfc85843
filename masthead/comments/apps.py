from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "masthead.comments"
    label = "comments"
    verbose_name = "Reader comments"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
