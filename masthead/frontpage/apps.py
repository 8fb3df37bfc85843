from django.apps import AppConfig


class FrontpageConfig(AppConfig):
    """Front-page curation: the pinned lead and top stories, each section
    block's layout, and the breaking-news banner (issue 20)."""

    name = "masthead.frontpage"
    label = "frontpage"
    verbose_name = "Front page"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
