from django.http import Http404

from masthead.articles.models import Article
from masthead.pagecache import tags as page_tags
from masthead.pagecache.dependencies import depends_on

from . import pages


def article_detail(request, slug):
    try:
        article = Article.objects.published_page(slug)
    except Article.DoesNotExist:
        raise Http404("No article here.") from None
    depends_on(page_tags.comments(article.pk))
    return pages.article_response(request, article)
