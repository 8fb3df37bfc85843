"""Page assembly: the one place the article and home pages gather what they show.

`article_page()` reads everything the page shows up front, as frozen rows: the
article with its bylines, tags and corrections (articles), and its quotes
(quotes). Nothing is read from a template, written onto a row, or copied. For
a published story the whole value is kept until the next purge and shared by
every request (pagecache/memo.py), so a reader's own parts (the comments and
their form, the highlighted voice) are added per request by
`article_response()`.

The home page (`home_context()`) puts the stories editors pinned
(frontpage) in their slots among the newest (articles), each section's
block in the layout its editors chose; it is read per request, since a pin
ends and an embargo lifts on the minute.

The article view, the comment form's re-render and both previews call
`article_response` (the editor's live preview, `preview_response`); the apps
whose views show the page (comments, editorial) take it as an argument, passed
by the URL wiring, so they never import this layer (STYLE.md, "Layers").
"""

from dataclasses import dataclass

from django.shortcuts import render

from masthead.articles.models import Article
from masthead.articles.querysets import ArticleRows, navigation_sections, rows_for
from masthead.comments.display import comment_section
from masthead.frontpage.models import SectionLayout
from masthead.frontpage.querysets import home_top, section_layouts
from masthead.media.sources import PictureSource
from masthead.pagecache import tags as page_tags
from masthead.pagecache.dependencies import depends_on
from masthead.pagecache.memo import UntilPurge
from masthead.quotes.voices import article_quotes, voices_for
from masthead.seo.head import HeadFacts
from masthead.seo.head import facts as head_facts


@dataclass(frozen=True)
class ArticlePage:
    """What every reader of one article sees: shared, read only."""

    rows: ArticleRows
    quotes: tuple  # the quotes app's displayed rows, in body order
    head: HeadFacts  # what its social and structured-data tags show
    hero: PictureSource | None  # what its hero picture shows

    @property
    def article(self):
        return self.rows.article


def published_page(slug, article=None):
    """The ArticlePage of a published story, kept until the next purge.

    ``article``, when the caller has read the row already (the comment post),
    saves reading it again. Raises Article.DoesNotExist when no published
    story has this slug.
    """

    def build():
        if article is None:
            rows = Article.objects.published_rows(slug)
        else:
            rows = rows_for(article)
        return assembled(rows)

    return PAGES.get(slug, build)


def page_of(article):
    """An ArticlePage read afresh (a draft being previewed is never kept)."""
    return assembled(rows_for(article))


def assembled(rows):
    article = rows.article
    return ArticlePage(
        rows=rows,
        quotes=article_quotes(article),
        head=head_facts(rows),
        hero=article.hero_image.source() if article.hero_image else None,
    )


def article_response(request, article, comment_form=None, status=200):
    """The article page; a rejected comment form is shown with all it was given.

    ``article`` is a published story's row (its page is kept) or a draft
    being previewed (its page is read afresh).
    """
    if article.is_published:
        page = published_page(article.slug, article)
    else:
        page = page_of(article)
    return page_response(request, page, comment_form, status)


def preview_response(request, article):
    """The article page for text being edited: assembled afresh, never from the
    kept page of the published story (the editor's live preview, issue 20)."""
    return page_response(request, page_of(article))


def page_response(request, page, comment_form=None, status=200):
    """The page with this reader's parts: the comments, their form, the voice shown."""
    depends_on(page_tags.comments(page.article.pk))
    context = {
        "article": page.article,
        "page": page.rows,
        "head": page.head,
        "hero": page.hero,
        "voices": voices_for(request, page.quotes),
        "comments": comment_section(request, page.article, comment_form),
    }
    response = render(request, "articles/article_detail.html", context, status=status)
    frames = page.article.story.get("frames")
    if frames:
        # Only the providers this story embeds may be framed, and only once a
        # reader clicks (issue 19); django-csp adds them to frame-src.
        response._csp_update = {"frame-src": frames}
    return response


@dataclass(frozen=True)
class SectionBlock:
    """A section's block on the home page: its newest stories, in its layout."""

    section: object
    layout: str  # a SectionLayout.Layout value
    articles: list


def home_context():
    """What the home page shows, in a fixed number of queries however many
    stories are published or pinned."""
    depends_on(page_tags.ARTICLES)
    sections = navigation_sections()
    top, recent = home_top(sections)
    layouts = section_layouts()
    return {
        "lead": top.lead,
        "latest": top.top,
        "latest_title": "Top stories" if top.pinned_top else "Latest",
        "section_blocks": [
            SectionBlock(s, layouts.get(s.pk, SectionLayout.Layout.GRID), recent[s.pk])
            for s in sections
        ],
    }


PAGES = UntilPurge(size=256)
