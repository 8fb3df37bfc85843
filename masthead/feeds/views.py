from django.conf import settings
from django.http import JsonResponse

from . import channels, jsonfeed
from .entries import article_entries


def json_feed(request):
    """The site's latest articles as JSON Feed 1.1: the RSS feed's stories, as JSON."""
    channel = channels.site(request)
    document = jsonfeed.document(
        title=channel.title,
        home_page_url=request.build_absolute_uri(channel.link),
        feed_url=request.build_absolute_uri(request.path),
        description=channel.description,
        language=settings.MASTHEAD_LANGUAGE,
        entries=article_entries(channel.latest(), request),
    )
    return JsonResponse(
        document,
        content_type="application/feed+json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False},
    )
