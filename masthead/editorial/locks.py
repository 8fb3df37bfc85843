"""The soft lock on a story open in the editor (issue 20).

Opening a story someone else has open shows "NAME is editing since TIME" and
a "Take over" button; nobody is ever stopped from saving, because the version
check (conflicts.py) keeps both editors' work. The open editor's autosave
POST is its heartbeat; a lock without one for MASTHEAD_EDIT_LOCK_SECONDS has
lapsed, so a crashed browser never holds a story for long.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from . import policy
from .models import EditLock


def holder(article, *, now=None):
    """The live lock on the article, with its user, or None."""
    lock = EditLock.objects.select_related("user").filter(article=article).first()
    return lock if lock is not None and lock.is_live(now) else None


def heartbeat(*, article, user, now=None):
    """Claim the story for ``user`` unless another editor's lock is live.

    Returns the lock that stands: the user's own, or the other editor's,
    untouched (their editor keeps it alive; "Take over" moves it).
    """
    _require_edit(user, article)
    now = now or timezone.now()
    with transaction.atomic():
        lock, created = EditLock.objects.select_for_update().get_or_create(
            article=article, defaults={"user": user, "since": now, "seen_at": now}
        )
        if created:
            return lock
        if lock.user_id != user.pk:
            if lock.is_live(now):
                return lock
            lock.user, lock.since = user, now
        lock.seen_at = now
        lock.save()
    return lock


def take_over(*, article, user, now=None):
    """Make ``user`` the one editing, whoever held the story."""
    _require_edit(user, article)
    now = now or timezone.now()
    lock, _ = EditLock.objects.update_or_create(
        article=article, defaults={"user": user, "since": now, "seen_at": now}
    )
    return lock


def release(*, article, user):
    """The editor left the story (their tab closed): others see it free."""
    EditLock.objects.filter(article=article, user=user).delete()


def _require_edit(user, article):
    if not policy.can_edit(user, article):
        raise PermissionDenied("You may not edit this article.")
