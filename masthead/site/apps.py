from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The top of the app graph: URL wiring, the Jinja2 environment and its
    globals, context processors, the admin site and page assembly.

    It may import every app; no app imports it (STYLE.md, "Layers").
    """

    name = "masthead.site"
    label = "site"
    verbose_name = "Site"
