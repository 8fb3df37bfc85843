"""`masthead check --deploy`: what a production site must configure for comments."""

from django.conf import settings
from django.core.checks import Warning, register


@register("masthead", deploy=True)
def site_url_for_email_links(app_configs, **kwargs):
    # The worker sends the emails about new comments, long after the request:
    # it has no host to build links from but the one configured.
    if settings.MASTHEAD_SITE_URL:
        return []
    return [
        Warning(
            "MASTHEAD_SITE_URL is not set: links in emails about comments will "
            "point at http://localhost:8000.",
            hint="Set MASTHEAD_SITE_URL to the site's public address, e.g. "
            "https://news.example.org.",
            id="masthead.W001",
        )
    ]
