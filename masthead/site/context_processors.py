from django.conf import settings

from masthead.articles.querysets import navigation_sections
from masthead.frontpage.querysets import breaking_news
from masthead.pagecache import tags
from masthead.pagecache.dependencies import depends_on


def site(request):
    """The newsroom's name, the navigation and the breaking-news banner every
    page shows. The banner is a function the base template calls, so that only
    pages showing it depend on it (feeds and sitemaps do not)."""
    depends_on(tags.SECTIONS)
    return {
        "site_name": settings.MASTHEAD_SITE_NAME,
        "site_tagline": settings.MASTHEAD_SITE_TAGLINE,
        "site_language": settings.MASTHEAD_LANGUAGE,
        "nav_sections": navigation_sections,
        "breaking_news": breaking_news,
    }
