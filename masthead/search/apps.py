from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "masthead.search"
    label = "search"
    verbose_name = "Search"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
