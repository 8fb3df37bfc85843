from django.urls import path

from . import views

app_name = "seo"
urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-<slug:section>.xml", views.sitemap, name="sitemap"),
    # Same name, defined last: reverse() tries the latest pattern first, so the
    # index and robots.txt name the Google News sitemap by its usual path.
    path("news-sitemap.xml", views.sitemap, {"section": "news"}, name="sitemap"),
]
