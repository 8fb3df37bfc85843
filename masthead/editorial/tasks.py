"""The editorial workflow's chore for `masthead worker` (jobs/chores.py)."""

from . import services


def publish_due_chore(*, log):
    """Flip every scheduled article whose time has come, and say which."""
    for article in services.publish_due():
        log(
            f"published scheduled article {article.pk} “{article.title}” "
            f"(due {article.published_at:%Y-%m-%d %H:%M %Z})"
        )
