from django.contrib import admin


class MastheadAdminSite(admin.AdminSite):
    site_header = "Masthead"
    site_title = "Masthead admin"
    index_title = "Newsroom"

    def index(self, request, extra_context=None):
        from masthead.comments.models import Comment

        extra_context = {
            "pending_comment_count": Comment.objects.pending().count(),
            **(extra_context or {}),
        }
        return super().index(request, extra_context)
