from masthead.core.fragments import render_once
from masthead.media.crops import news_crops

from . import opengraph, structured_data


def article_head(request, article):
    """Open Graph, Twitter card and JSON-LD for an article fetched with published_page()."""
    crops = news_crops(article.hero_image) if article.hero_image else []
    wide = crops[0] if crops else None  # 16:9, close to the 1.91:1 cards show
    return render_once(
        "seo/article_head.html",
        meta=tuple(opengraph.article_tags(article, request, wide)),
        news_article=structured_data.script_safe_json(
            structured_data.news_article(article, request, crops)
        ),
        breadcrumbs=structured_data.script_safe_json(
            structured_data.breadcrumbs(article, request)
        ),
    )
