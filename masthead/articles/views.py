from django.http import Http404
from django.shortcuts import get_object_or_404, render

from masthead.comments.display import comment_section
from masthead.core.pagination import paginate
from masthead.pagecache.dependencies import depends_on

from .models import Article, Section, Tag
from .querysets import navigation_sections


def home(request):
    """Lead story, the latest, and a block per section, whatever the archive size."""
    depends_on("articles:all")
    sections = navigation_sections()
    latest, recent = Article.objects.front_page(sections)
    return render(
        request,
        "articles/home.html",
        {
            "lead": latest[0] if latest else None,
            "latest": latest[1:],
            "section_blocks": [(section, recent[section.pk]) for section in sections],
        },
    )


def article_detail(request, slug):
    depends_on("articles:detail")
    try:
        article = Article.objects.published_page(slug)
    except Article.DoesNotExist:
        raise Http404("No article here.") from None
    depends_on(f"comments:article:{article.pk}")
    return article_page(request, article)


def article_page(request, article, comment_form=None, status=200):
    """The article page; the comment view reuses it to show a rejected form."""
    context = {
        "article": article,
        "comments": comment_section(request, article, comment_form),
    }
    return render(request, "articles/article_detail.html", context, status=status)


def section_detail(request, slug):
    section = get_object_or_404(Section, slug=slug)
    listing = f"articles:section:{section.pk}"
    depends_on(listing)
    articles = Article.objects.published().filter(section=section).teasers()
    return render(
        request,
        "articles/section_detail.html",
        {"section": section, "page": paginate(request, articles, count_tag=listing)},
    )


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    listing = f"articles:tag:{tag.pk}"
    depends_on(listing)
    articles = Article.objects.published().filter(tags=tag).teasers()
    return render(
        request,
        "articles/tag_detail.html",
        {"tag": tag, "page": paginate(request, articles, count_tag=listing)},
    )
