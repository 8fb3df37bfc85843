from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from masthead.articles import views as article_views
from masthead.core.uploads import serve_media
from masthead.search import views as search_views

urlpatterns = [
    path("", article_views.home, name="home"),
    # Feeds and sitemaps first: their paths extend the article, section, tag
    # and author pages' paths.
    path("", include("masthead.feeds.urls")),
    path("", include("masthead.seo.urls")),
    path("", include("masthead.articles.urls")),
    path("articles/", include("masthead.comments.urls")),
    path("authors/", include("masthead.people.urls")),
    path("voices/", include("masthead.quotes.urls")),
    path("", include("masthead.editorial.urls")),
    # /search?q= too: the path readers and other sites type.
    path("search/", include("masthead.search.urls")),
    re_path(r"^search$", search_views.search),
    path("api/", include("masthead.api.urls")),
    # Staff login, throttled, and password reset; before the admin's own login.
    path("admin/", include("masthead.accounts.urls")),
    path("admin/", admin.site.urls),
]

if settings.MASTHEAD_SERVE_MEDIA:
    # Convenient for one machine; a production site lets nginx or a CDN serve these.
    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{prefix}(?P<path>.*)$", serve_media)
    ]
