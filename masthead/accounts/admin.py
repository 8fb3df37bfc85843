from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from masthead.core.zones import TimesInZone

from . import throttle
from .models import Lockout, TwoFactorRequirement


class ActiveFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "active"

    def lookups(self, request, model_admin):
        return [("yes", _("in force")), ("no", _("ended or cleared"))]

    def queryset(self, request, queryset):
        active = Lockout.objects.active()
        if self.value() == "yes":
            return queryset.filter(pk__in=active)
        if self.value() == "no":
            return queryset.exclude(pk__in=active)
        return queryset


@admin.register(Lockout)
class LockoutAdmin(TimesInZone, admin.ModelAdmin):
    """Who is locked out and until when; "Clear" lets them try again at once."""

    list_display = [
        "identifier",
        "scope",
        "action",
        "failures",
        "locked_at",
        "locked_until",
        "in_force",
        "cleared_by",
    ]
    list_filter = [ActiveFilter, "scope", "action"]
    search_fields = ["identifier"]
    readonly_fields = [f.name for f in Lockout._meta.fields]
    actions = ["clear_lockouts"]

    def has_add_permission(self, request):
        return False

    @admin.display(boolean=True, description=_("in force"))
    def in_force(self, lockout):
        return lockout.is_active

    @admin.action(description=_("Clear the selected lockouts"), permissions=["change"])
    def clear_lockouts(self, request, queryset):
        for lockout in queryset:
            throttle.clear(lockout.cache_key)
        count = queryset.filter(cleared_at__isnull=True).update(
            cleared_at=timezone.now(), cleared_by=request.user
        )
        self.message_user(
            request, _("%d lockout(s) cleared.") % count, messages.SUCCESS
        )


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    """Django's user admin, showing when each person last signed in."""

    list_display = [
        "username",
        "email",
        "first_name",
        "last_name",
        "is_staff",
        "last_login",
    ]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    ordering = ["-is_staff", "username"]


@admin.register(TwoFactorRequirement)
class TwoFactorRequirementAdmin(admin.ModelAdmin):
    """Which roles must sign in with a second factor."""

    list_display = ["group", "required"]
    list_editable = ["required"]
