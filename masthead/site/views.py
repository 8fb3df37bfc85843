from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static

from masthead.articles.models import Article

from . import pages


def article_detail(request, slug):
    try:
        page = pages.published_page(slug)
    except Article.DoesNotExist:
        raise Http404("No article here.") from None
    return pages.page_response(request, page)


def home(request):
    """The lead, the top stories and a block per section, whatever the archive size."""
    return render(request, "articles/home.html", pages.home_context())


def favicon(request):
    return HttpResponsePermanentRedirect(static("masthead/favicon.svg"))
