from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff accounts: login throttling, password reset, sessions, two factors."""

    name = "masthead.accounts"
    label = "accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        from django.contrib import admin

        from . import signal_handlers  # noqa: F401  (receivers connect themselves)
        from .forms import StaffAuthenticationForm

        # AdminSite's own hooks for its login page: the code field, and the
        # template that shows it. Set here so the admin site needs no edit.
        admin.site.login_form = StaffAuthenticationForm
        admin.site.login_template = "accounts/login.html"
