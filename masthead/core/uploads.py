"""Uploaded media served by the app (MASTHEAD_SERVE_MEDIA), with cache headers.

Renditions live under names that change whenever their picture does
(`media/renditions.py`: "same name must mean same picture"), so browsers and
CDNs may keep them for a year without asking again. An original upload's
name can come back after the file is deleted, so it is kept for a day.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control
from django.views.static import serve

YEAR = 365 * 24 * 3600


def serve_media(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if response.status_code == 200:
        if path.startswith("renditions/"):
            patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
        else:
            max_age = getattr(settings, "MASTHEAD_MEDIA_MAX_AGE", 86400)
            patch_cache_control(response, public=True, max_age=max_age)
    return response
