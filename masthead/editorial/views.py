from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_cache_control

from masthead.articles.models import Article, Correction
from masthead.pagecache import tags as page_tags
from masthead.pagecache.dependencies import depends_on
from masthead.pagecache.pagination import paginate

from . import preview


def shared_preview(request, token, *, render_article):
    """One draft, as readers will see it, for whoever holds an unexpired link.

    ``render_article`` is the article page, passed by the site's URL wiring.
    """
    article_id = preview.article_id_for(token)
    article = (
        Article.objects.for_page().filter(pk=article_id).first() if article_id else None
    )
    if article is None:
        raise Http404("This preview link is not valid or has expired.")
    return private(render_article(request, as_if_published(article)))


def as_if_published(article):
    """A draft has no publication time yet: show it as if published now (unsaved)."""
    if article.published_at is None:
        article.published_at = timezone.now()
    return article


def private(response):
    """Previews must never be cached or indexed: the draft may change or die."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def corrections(request):
    """Every correction and update on a published story, newest first."""
    depends_on(page_tags.ARTICLES)  # purged by the article save a correction makes
    page = paginate(request, Correction.objects.recent())
    return render(request, "editorial/corrections.html", {"page": page})
