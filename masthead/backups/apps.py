from django.apps import AppConfig


class BackupsConfig(AppConfig):
    """`masthead backup DIR` and `masthead restore DIR` (issue 24, item 6)."""

    name = "masthead.backups"
    label = "backups"
    verbose_name = "Backups"
