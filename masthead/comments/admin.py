import json

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import path
from django.utils.html import format_html

from masthead.core.zones import TimesInZone

from . import moderation, privacy, services
from .models import Comment, CommentSettings


@admin.register(Comment)
class CommentAdmin(TimesInZone, admin.ModelAdmin):
    list_display = ["excerpt", "commenter", "address", "article", "status", "flag",
                    "created_at"]  # fmt: skip
    list_filter = ["status", "flag", "by_staff", "created_at"]
    search_fields = ["name", "email", "body", "article__title"]
    list_select_related = ["article"]
    raw_id_fields = ["article", "parent", "user"]
    readonly_fields = ["ip_address", "user_agent", "created_at", "depth",
                       "status_reason", "by_staff", "flag"]  # fmt: skip
    actions = ["approve", "mark_spam", "trash", "export_personal_data",
               "erase_personal_data"]  # fmt: skip
    date_hierarchy = "created_at"

    # format_html escapes: a comment is a stranger's text, even here; <bdi>
    # keeps a right-to-left override inside its own cell's text (issue 21).
    @admin.display(description="Comment")
    def excerpt(self, comment):
        return format_html("<bdi>{}</bdi>", comment.body[:80])

    @admin.display(description="Name", ordering="name")
    def commenter(self, comment):
        return format_html("<bdi>{}</bdi>", comment.name)

    @admin.display(description="Email", ordering="email")
    def address(self, comment):
        return format_html("<bdi>{}</bdi>", comment.email)

    def get_urls(self):
        moderate = self.admin_site.admin_view(self.moderation_view)
        return [path("moderate/", moderate, name="comments_moderate")] + super().get_urls()

    def moderation_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        return moderation.moderation_view(request, self.admin_site)

    def _moderate(self, request, queryset, service, verb):
        count = service(queryset, request=request)
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

    @admin.action(description="Export personal data of the selected commenters",
                  permissions=["change"])
    def export_personal_data(self, request, queryset):
        data = [privacy.export_commenter(email) for email in privacy.emails_of(queryset)]
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="commenter-export.json"'
        return response

    @admin.action(description="Erase personal data of the selected commenters",
                  permissions=["change"])
    def erase_personal_data(self, request, queryset):
        count = sum(privacy.erase_commenter(e) for e in privacy.emails_of(queryset))
        self.message_user(request, f"{count} comment(s) anonymized.", messages.SUCCESS)


@admin.register(CommentSettings)
class CommentSettingsAdmin(admin.ModelAdmin):
    """One row of rules; the changelist goes straight to it."""

    fieldsets = [
        ("Who waits for a moderator", {"fields": [
            "hold_for_first_comment", "hold_link_count", "moderation_words"]}),
        ("Spam", {"fields": ["disallowed_words", "min_fill_seconds"]}),
        ("Flood control", {"fields": ["flood_seconds", "max_per_hour"]}),
        ("Email", {"fields": ["notify_authors", "notify_editors"]}),
    ]

    def has_add_permission(self, request):
        return not CommentSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        rules = CommentSettings.current()
        return self.change_view(request, str(rules.pk), extra_context=extra_context)
