from django.http import Http404, HttpResponsePermanentRedirect
from django.templatetags.static import static

from masthead.articles.models import Article

from . import pages


def article_detail(request, slug):
    try:
        page = pages.published_page(slug)
    except Article.DoesNotExist:
        raise Http404("No article here.") from None
    return pages.page_response(request, page)


def favicon(request):
    return HttpResponsePermanentRedirect(static("masthead/favicon.svg"))
