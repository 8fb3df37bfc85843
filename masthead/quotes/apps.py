from django.apps import AppConfig


class QuotesConfig(AppConfig):
    """Direct quotations found in articles, and the voices pages built on them."""

    name = "masthead.quotes"
    label = "quotes"
    verbose_name = "Voices"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
