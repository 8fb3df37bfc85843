from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "masthead.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from . import dependencies, signal_handlers

        dependencies.connect()
        signal_handlers.connect()
