import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.production")

from masthead.pagecache.wsgi import CachedPagesApplication  # noqa: E402  (needs settings)

application = CachedPagesApplication(get_wsgi_application())
