"""The redirects screen: list, search by path, add and remove (Editors may)."""

from django.contrib import admin

from . import services
from .forms import RedirectForm
from .models import Redirect


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    form = RedirectForm
    list_display = ["old_path", "new_path", "kind", "created_at", "created_by"]
    list_filter = ["kind"]
    search_fields = ["old_path", "new_path"]
    search_help_text = "Search the old address or the target, e.g. /articles/budget"
    date_hierarchy = "created_at"
    list_select_related = ["created_by"]

    def get_readonly_fields(self, request, obj=None):
        # An old address is what the row is; a different one is a new redirect.
        if obj is None:
            return []
        return ["old_path", "kind", "created_at", "created_by"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["old_path", "new_path"]
        return ["old_path", "new_path", "kind", "created_at", "created_by"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.kind, obj.created_by = Redirect.Kind.EDITOR, request.user
        services.save_redirect(redirect=obj)
