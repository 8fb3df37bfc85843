from django.contrib.sitemaps import views as sitemap_views
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from .sitemaps import SITEMAPS


def sitemap_index(request):
    return sitemap_views.index(request, SITEMAPS, sitemap_url_name="seo:sitemap")


def sitemap(request, section):
    """One sitemap, in its own template (Google News has its own tags)."""
    if section not in SITEMAPS:
        raise Http404(f"There is no sitemap called {section!r}.")
    template = getattr(SITEMAPS[section], "template_name", "sitemap.xml")
    return sitemap_views.sitemap(
        request, {section: SITEMAPS[section]}, section=section, template_name=template
    )


def robots_txt(request):
    """Names the sitemaps with absolute URLs, as the robots.txt standard requires."""
    absolute = request.build_absolute_uri
    context = {
        "sitemap_index": absolute(reverse("seo:sitemap_index")),
        "news_sitemap": absolute(reverse("seo:sitemap", kwargs={"section": "news"})),
    }
    return render(
        request, "seo/robots.txt", context, content_type="text/plain; charset=utf-8"
    )
