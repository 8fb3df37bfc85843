"""RSS 2.0 and Atom feeds, built on django.contrib.syndication.

Each feed is a Channel (what it is about, see channels.py) and its Entries
(the public fields of each article, see entries.py). A feed costs the same
few queries whatever its length: the channel's row, then the articles with
their bylines and tags prefetched.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Enclosure
from django.utils.html import escape

from masthead.articles.models import Article
from masthead.comments.models import Comment
from masthead.pagecache import tags as page_tags
from masthead.pagecache.dependencies import depends_on

from . import channels
from .entries import article_entries, byline
from .generators import MastheadAtom, MastheadRss


class ArticleFeed(Feed):
    """The latest published articles of a channel, as RSS 2.0."""

    feed_type = MastheadRss
    channel = staticmethod(channels.site)

    @property
    def language(self):
        return settings.MASTHEAD_LANGUAGE

    def get_object(self, request, **kwargs):
        return self.channel(request, **kwargs)

    def title(self, channel):
        return channel.title

    def link(self, channel):
        return channel.link

    def description(self, channel):
        return channel.description

    def author_name(self, channel):
        # Atom needs an author on the feed or on every entry; an article
        # without a byline is the newsroom's.
        return settings.MASTHEAD_SITE_NAME

    def items(self, channel):
        return article_entries(channel.latest(), channel.request)

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        # The summary is plain text; feed readers read <description> as HTML.
        return escape(entry.summary)

    def item_link(self, entry):
        return entry.url

    def item_pubdate(self, entry):
        return entry.published

    def item_updateddate(self, entry):
        return entry.updated

    def item_author_name(self, entry):
        return byline(entry.authors)

    def item_categories(self, entry):
        return entry.categories

    def item_enclosures(self, entry):
        image = entry.image
        if image is None:
            return []
        return [Enclosure(image.url, str(image.length), image.mime_type)]

    def item_extra_kwargs(self, entry):
        return {"content_html": entry.content_html, "picture": entry.image}


class AtomArticleFeed(ArticleFeed):
    """The same articles as Atom, with one <author> per byline."""

    feed_type = MastheadAtom

    def subtitle(self, channel):
        return channel.description

    def item_author_name(self, entry):
        return entry.authors[0].name if entry.authors else None

    def item_author_link(self, entry):
        return entry.authors[0].url if entry.authors else None

    def item_extra_kwargs(self, entry):
        return {**super().item_extra_kwargs(entry), "more_authors": entry.authors[1:]}


class SectionFeed(ArticleFeed):
    channel = staticmethod(channels.section)


class SectionAtomFeed(AtomArticleFeed):
    channel = staticmethod(channels.section)


class TagFeed(ArticleFeed):
    channel = staticmethod(channels.tag)


class TagAtomFeed(AtomArticleFeed):
    channel = staticmethod(channels.tag)


class AuthorFeed(ArticleFeed):
    channel = staticmethod(channels.author)


class AuthorAtomFeed(AtomArticleFeed):
    channel = staticmethod(channels.author)


# Only what the article page shows of a comment: never email, IP or user agent.
PUBLIC_COMMENT_FIELDS = ("id", "article_id", "name", "body_html", "created_at")


class CommentsFeed(Feed):
    """An article's approved comments, newest first, as RSS 2.0."""

    feed_type = MastheadRss

    @property
    def language(self):
        return settings.MASTHEAD_LANGUAGE

    def get_object(self, request, slug):
        article = get_object_or_404(
            Article.objects.published().only("title", "slug"), slug=slug
        )
        depends_on(page_tags.comments(article.pk))
        return article

    def title(self, article):
        return f"Comments on “{article.title}”"

    def link(self, article):
        return article.get_absolute_url() + "#comments"

    def description(self, article):
        return f"Readers’ comments on “{article.title}”, {settings.MASTHEAD_SITE_NAME}."

    def items(self, article):
        comments = list(
            Comment.objects.public()
            .for_article(article)
            .only(*PUBLIC_COMMENT_FIELDS)
            .order_by("-created_at", "-id")[: settings.MASTHEAD_FEED_LENGTH]
        )
        for comment in comments:
            comment.article = article  # the link needs it; no query per comment
        return comments

    def item_title(self, comment):
        return f"Comment by {comment.name}"

    def item_description(self, comment):
        return comment.body_html  # sanitized when the comment was saved

    def item_link(self, comment):
        return comment.get_absolute_url()

    def item_pubdate(self, comment):
        return comment.created_at

    def item_author_name(self, comment):
        return comment.name
