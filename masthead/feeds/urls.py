from django.urls import path

from . import feeds, views

app_name = "feeds"
urlpatterns = [
    path("feed/", feeds.ArticleFeed(), name="rss"),
    path("feed/atom/", feeds.AtomArticleFeed(), name="atom"),
    path("feed.json", views.json_feed, name="json"),
    path("sections/<slug:slug>/feed/", feeds.SectionFeed(), name="section_rss"),
    path(
        "sections/<slug:slug>/feed/atom/", feeds.SectionAtomFeed(), name="section_atom"
    ),
    path("tags/<slug:slug>/feed/", feeds.TagFeed(), name="tag_rss"),
    path("tags/<slug:slug>/feed/atom/", feeds.TagAtomFeed(), name="tag_atom"),
    path("authors/<slug:slug>/feed/", feeds.AuthorFeed(), name="author_rss"),
    path("authors/<slug:slug>/feed/atom/", feeds.AuthorAtomFeed(), name="author_atom"),
    path("articles/<slug:slug>/comments/feed/", feeds.CommentsFeed(), name="comments"),
]
