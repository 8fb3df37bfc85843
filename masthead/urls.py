"""The site's URLs: every app's pages, wired here (the site layer, STYLE.md).

Views in lower apps that show the article page (the comment form's
re-render, previews) get its renderer from here, as an argument.
"""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from masthead.articles import urls as article_urls
from masthead.articles import views as article_views
from masthead.comments import urls as comment_urls
from masthead.core.uploads import serve_media
from masthead.editorial import urls as editorial_urls
from masthead.search import views as search_views
from masthead.site import health, metrics, pages
from masthead.site import views as site_views

render_article = pages.article_response
# The database away is a 503 that gives back what a form sent (site/outages.py).
handler500 = "masthead.site.outages.server_error"

urlpatterns = [
    path("", site_views.home, name="home"),
    # Feeds and sitemaps first: their paths extend the article, section, tag
    # and author pages' paths.
    path("", include("masthead.feeds.urls")),
    path("", include("masthead.seo.urls")),
    path("", include((
        [path("articles/<slug:slug>/", site_views.article_detail, name="detail"),
         *article_urls.urlpatterns],
        "articles",
    ))),
    path("articles/", include(
        (comment_urls.urlpatterns_for(render_article=render_article), "comments")
    )),
    path("authors/", include(
        ([path("<slug:slug>/", article_views.author_detail, name="author")], "people")
    )),
    path("voices/", include("masthead.quotes.urls")),
    path("newsletters/", include("masthead.newsletters.urls")),
    # Mail providers' bounce and complaint webhooks (newsletters/providers.py).
    path("anymail/", include("anymail.urls")),
    path("", include(
        (editorial_urls.urlpatterns_for(render_article=render_article), "editorial")
    )),
    # /search?q= too: the path readers and other sites type.
    path("search/", include("masthead.search.urls")),
    re_path(r"^search$", search_views.search),
    path("api/", include("masthead.api.urls")),
    # Staff login, throttled, and password reset; before the admin's own login.
    path("admin/", include("masthead.accounts.urls")),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico whatever a page links; send them to ours.
    path("favicon.ico", site_views.favicon),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics_view, name="metrics"),
]

if settings.MASTHEAD_SERVE_MEDIA:
    # Convenient for one machine; a production site lets nginx or a CDN serve these.
    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{prefix}(?P<path>.*)$", serve_media)
    ]
