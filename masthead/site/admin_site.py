"""The Django admin, with an index that shows the newsroom's to-do counts."""

from functools import partial

from django.contrib import admin
from django.urls import path

from masthead.comments.models import Comment
from masthead.editorial import admin_views as editorial_views
from masthead.editorial import desk

from . import pages


class MastheadAdminSite(admin.AdminSite):
    site_header = "Masthead"
    site_title = "Masthead admin"
    index_title = "Newsroom"

    def get_urls(self):
        # The draft as readers will see it is the public page (page assembly
        # is this layer's); ahead of the article admin's catch-all URL.
        preview = partial(editorial_views.preview_view, render_article=pages.article_response)
        live = partial(desk.live_preview_view, render_article=pages.preview_response)
        return [
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
        extra_context = {
            "pending_comment_count": Comment.objects.pending().count(),
            **(extra_context or {}),
        }
        return super().index(request, extra_context)

