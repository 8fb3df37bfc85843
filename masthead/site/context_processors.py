from django.conf import settings

from masthead.articles.querysets import navigation_sections
from masthead.pagecache import tags
from masthead.pagecache.dependencies import depends_on


def site(request):
    """The newsroom's name and the navigation every page shows."""
    depends_on(tags.SECTIONS)
    return {
        "site_name": settings.MASTHEAD_SITE_NAME,
        "site_tagline": settings.MASTHEAD_SITE_TAGLINE,
        "site_language": settings.MASTHEAD_LANGUAGE,
        "nav_sections": navigation_sections,
    }
