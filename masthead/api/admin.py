from django.contrib import admin

from masthead.core.zones import TimesInZone

from .models import Token


@admin.register(Token)
class TokenAdmin(TimesInZone, admin.ModelAdmin):
    """List and revoke tokens.

    New ones come from `create_api_token`, which shows the key once.
    """

    list_display = ["name", "user", "key_start", "created_at", "last_used_at"]
    readonly_fields = ["user", "name", "key_start", "created_at", "last_used_at"]
    search_fields = ["name", "user__username"]

    def has_add_permission(self, request):
        return False
