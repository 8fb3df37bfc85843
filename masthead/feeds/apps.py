from django.apps import AppConfig


class FeedsConfig(AppConfig):
    """RSS, Atom and JSON Feed of the site, its sections, tags, authors, comments."""

    name = "masthead.feeds"
    label = "feeds"
    verbose_name = "Feeds"
