from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff accounts: login throttling, password reset, sessions, two factors."""

    name = "masthead.accounts"
    label = "accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        from . import signal_handlers  # noqa: F401  (receivers connect themselves)
