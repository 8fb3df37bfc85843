from django.apps import AppConfig


class SeoConfig(AppConfig):
    """How search engines and social networks read the site: sitemaps, robots.txt,
    Open Graph and schema.org structured data."""

    name = "masthead.seo"
    label = "seo"
    verbose_name = "Search engines and previews"
