from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LockoutQuerySet(models.QuerySet):
    def active(self):
        return self.filter(locked_until__gt=timezone.now(), cleared_at__isnull=True)


class Lockout(models.Model):
    """A record of one lockout, written when it starts (never per attempt).

    The lock itself is a key in the shared cache (`throttle.py`); this row is
    what staff see in the admin, and clearing it there deletes that key.
    """

    class Scope(models.TextChoices):
        ACCOUNT = "account", _("account")
        ADDRESS = "address", _("address")

    scope = models.CharField(_("locked"), max_length=10, choices=Scope.choices)
    action = models.CharField(_("for"), max_length=20, default="login")
    identifier = models.CharField(
        _("account or address"),
        max_length=200,
        help_text=_("The username as typed, or the client's IP address."),
    )
    cache_key = models.CharField(max_length=300, editable=False)
    failures = models.PositiveIntegerField(_("failures"))
    locked_at = models.DateTimeField(_("locked at"), auto_now_add=True)
    locked_until = models.DateTimeField(_("locked until"))
    cleared_at = models.DateTimeField(_("cleared at"), null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cleared by"),
    )

    objects = LockoutQuerySet.as_manager()

    class Meta:
        ordering = ["-locked_at"]
        verbose_name = _("login lockout")
        verbose_name_plural = _("login lockouts")

    def __str__(self):
        return f"{self.get_scope_display()} {self.identifier} ({self.action})"

    @property
    def is_active(self):
        return self.cleared_at is None and self.locked_until > timezone.now()


class TwoFactorRequirement(models.Model):
    """A role (group) whose members must sign in with a second factor."""

    group = models.OneToOneField(
        "auth.Group",
        on_delete=models.CASCADE,
        related_name="two_factor",
        verbose_name=_("role"),
    )
    required = models.BooleanField(
        _("require two-factor sign-in"),
        default=True,
        help_text=_(
            "Members without an authenticator are sent to set one up "
            "before they can use the admin."
        ),
    )

    class Meta:
        verbose_name = _("two-factor requirement")
        verbose_name_plural = _("two-factor requirements")

    def __str__(self):
        return f"{self.group}: {'required' if self.required else 'optional'}"
