from django.apps import AppConfig


class FeedsConfig(AppConfig):
    """RSS, Atom and JSON Feed for the site, its sections, tags, authors and comments."""

    name = "masthead.feeds"
    label = "feeds"
    verbose_name = "Feeds"
