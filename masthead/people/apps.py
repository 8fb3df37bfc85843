from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "masthead.people"
    label = "people"
    verbose_name = "People"

    def ready(self):
        from . import signal_handlers

        signal_handlers.connect()
