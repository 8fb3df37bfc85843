from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "masthead.pagecache"
    label = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from . import dependencies

        # What a page shows is recorded here; what a write purges is declared
        # by the app that owns the row, in its own signal_handlers.py.
        dependencies.connect()
