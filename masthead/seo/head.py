"""An article page's social cards and structured data, built once per version.

Building them reads the article, its bylines, tags, corrections, section and
hero image, and makes a dozen absolute URLs and two JSON documents: ~0.6 ms on
every view of a story. The markup is a pure function of what `_shown` lists,
which is the memo's key, so an edit to any of it builds the head afresh.
"""

from django.conf import settings

from masthead.core.fragments import Memo, render

from . import opengraph, structured_data

_HEADS = Memo(size=512)


def article_head(request, rows):
    """Open Graph, Twitter card and JSON-LD for an article and the rows its page
    shows (articles.querysets.ArticleRows)."""
    return _HEADS.get(_shown(request, rows), lambda: _build(request, rows))


def _build(request, rows):
    article = rows.article
    crops = article.hero_image.news_crops() if article.hero_image else []
    wide = crops[0] if crops else None  # 16:9, close to the 1.91:1 cards show
    return render(
        "seo/article_head.html",
        meta=opengraph.article_tags(rows, request, wide),
        news_article=structured_data.script_safe_json(
            structured_data.news_article(rows, request, crops)
        ),
        breadcrumbs=structured_data.script_safe_json(
            structured_data.breadcrumbs(article, request)
        ),
    )


def _shown(request, rows):
    """Every value the head shows or derives a URL from."""
    article = rows.article
    section, image = article.section, article.hero_image
    return (
        request.build_absolute_uri("/"),
        settings.MASTHEAD_SITE_NAME,
        settings.MASTHEAD_LANGUAGE,
        settings.MASTHEAD_PUBLISHER_LOGO,
        article.pk,
        article.slug,
        article.title,
        article.summary,
        article.published_at,
        article.revised_at,
        section and (section.name, section.slug),
        tuple((b.person.name, b.person.slug) for b in rows.bylines),
        tuple(tag.name for tag in rows.tags),
        tuple((n.kind, n.text, n.created_at) for n in rows.corrections),
        image
        and (
            image.pk, image.file.name, image.width, image.height,
            image.focal_x, image.focal_y, image.alt_text,
            image.renditions_ready, repr(image.renditions),
        ),
    )  # fmt: skip
