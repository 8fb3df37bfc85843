from django.contrib import admin, messages
from django.utils.html import format_html

from . import services
from .models import Comment


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "name", "email", "article", "status", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["name", "email", "body", "article__title"]
    list_select_related = ["article"]
    raw_id_fields = ["article", "parent", "user"]
    readonly_fields = ["ip_address", "user_agent", "created_at", "depth"]
    actions = ["approve", "mark_spam", "trash"]
    date_hierarchy = "created_at"

    @admin.display(description="Comment")
    def excerpt(self, comment):
        # format_html escapes: a comment is a stranger's text, even here.
        return format_html("{}", comment.body[:80])

    def _moderate(self, request, queryset, service, verb):
        count = service(queryset)
        self.message_user(request, f"{count} comment(s) {verb}.", messages.SUCCESS)

    @admin.action(description="Approve selected comments", permissions=["change"])
    def approve(self, request, queryset):
        self._moderate(request, queryset, services.approve, "approved")

    @admin.action(description="Mark selected comments as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        self._moderate(request, queryset, services.mark_spam, "marked as spam")

    @admin.action(description="Move selected comments to trash", permissions=["change"])
    def trash(self, request, queryset):
        self._moderate(request, queryset, services.trash, "moved to trash")
