from django.apps import AppConfig


class RedirectsConfig(AppConfig):
    """301s from every address a story, section, tag or person used to have."""

    name = "masthead.redirects"
    label = "redirects"
    verbose_name = "Redirects"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
