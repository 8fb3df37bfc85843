from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "masthead.comments"
    label = "comments"
    verbose_name = "Reader comments"

    def ready(self):
        from . import checks, signal_handlers  # noqa: F401  (checks register themselves)

        signal_handlers.connect()
