"""The Django admin, with an index that leads with the newsroom's tools and
their to-do counts (issue 20: the dashboard, moderation screen and sources
audit were linked from nowhere)."""

from dataclasses import dataclass
from functools import partial

from django.contrib import admin
from django.urls import NoReverseMatch, path, reverse

from masthead.articles.models import Article
from masthead.comments.models import Comment
from masthead.editorial import admin_views as editorial_views
from masthead.editorial import desk
from masthead.frontpage import admin_views as frontpage_views

from . import pages


@dataclass(frozen=True)
class Tool:
    label: str
    url_name: str
    permission: str
    count: object = None  # a function returning the number waiting, or None
    noun: str = ""  # what it counts, "comment", made plural by the template
    waiting: str = ""  # for what: "awaiting moderation"


def _pending_comments():
    return Comment.objects.pending().count()


def _in_review():
    return Article.objects.filter(status=Article.Status.IN_REVIEW).count()


TOOLS = [
    Tool("Editors' dashboard", "admin:articles_article_dashboard", "articles.view_article",
         _in_review, "article", "waiting for review"),
    Tool("Moderation queue", "admin:comments_moderate", "comments.change_comment",
         _pending_comments, "comment", "awaiting moderation"),
    Tool("Front page", "admin:frontpage_screen", "frontpage.change_pin"),
    Tool("Sources audit", "admin:quotes_quote_audit", "quotes.view_quote"),
    Tool("Redirects", "admin:redirects_redirect_changelist", "redirects.view_redirect"),
    Tool("Pictures and stories to insert", "admin:articles_article_picker",
         "articles.change_article"),
]  # fmt: skip


def tools_for(user):
    """[(tool, its URL, its count or None)] this user may open; a tool whose app
    is not installed is left out."""
    shown = []
    for tool in TOOLS:
        if not user.has_perm(tool.permission):
            continue
        try:
            url = reverse(tool.url_name)
        except NoReverseMatch:
            continue
        shown.append((tool, url, tool.count() if tool.count else None))
    return shown


class MastheadAdminSite(admin.AdminSite):
    site_header = "Masthead"
    site_title = "Masthead admin"
    index_title = "Newsroom"

    def get_urls(self):
        # The draft as readers will see it is the public page (page assembly
        # is this layer's); ahead of the article admin's catch-all URL.
        preview = partial(editorial_views.preview_view, render_article=pages.article_response)
        live = partial(desk.live_preview_view, render_article=pages.preview_response)
        front_page = partial(frontpage_views.screen_view, admin_site=self)
        return [
            path("frontpage/", self.admin_view(front_page), name="frontpage_screen"),
            path(
                "articles/article/<path:object_id>/preview/",
                self.admin_view(preview),
                name="articles_article_preview",
            ),
            # The live preview of unsaved text (issue 20): the same page, for
            # the add page's new story too.
            path(
                "articles/article/live-preview/",
                self.admin_view(live),
                name="articles_article_live_preview",
            ),
            path(
                "articles/article/<path:object_id>/live-preview/",
                self.admin_view(live),
                name="articles_article_live_preview_of",
            ),
            *super().get_urls(),
        ]

    def index(self, request, extra_context=None):
        extra_context = {"newsroom_tools": tools_for(request.user), **(extra_context or {})}
        return super().index(request, extra_context)

