"""Unsaved text kept server-side while an editor types (issue 20).

The editor posts the headline, standfirst and body every few seconds and
when the page is hidden; the next time they open the story (or the add
page), the text is offered back: "You have unsaved text from TIME: restore
or discard". Nothing here writes to the article or publishes it.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from . import policy
from .models import Autosave

# What a body may hold when saved (generous: a long read is ~100,000 chars).
LIMITS = {"title": 300, "standfirst": 5_000, "body": 500_000}


def keep(*, user, article, text, base_version=None, now=None):
    """Store ``text`` ({title, standfirst, body}) as the user's unsaved text
    for ``article`` (None: the story they are starting)."""
    _require_edit(user, article)
    too_long = [
        name for name, limit in LIMITS.items() if len(text.get(name, "")) > limit
    ]
    if too_long:
        raise ValidationError(f"Too long to keep: {', '.join(too_long)}.")
    fields = {name: text.get(name, "") for name in LIMITS}
    autosave, _ = Autosave.objects.update_or_create(
        user=user,
        article=article,
        defaults={
            **fields,
            "base_version": base_version,
            "saved_at": now or timezone.now(),
        },
    )
    return autosave


def offer(*, user, article):
    """The user's unsaved text for ``article``, if it differs from what is saved."""
    autosave = Autosave.objects.filter(user=user, article=article).first()
    if autosave is None or article is None:
        return autosave
    if all(getattr(autosave, name) == getattr(article, name) for name in LIMITS):
        return None  # the same words were saved since: nothing to restore
    return autosave


def discard(*, user, article):
    """Forget the user's unsaved text: after a save, or when they say so."""
    Autosave.objects.filter(user=user, article=article).delete()


def _require_edit(user, article):
    allowed = (
        user.has_perm("articles.add_article")
        if article is None
        else policy.can_edit(user, article)
    )
    if not allowed:
        raise PermissionDenied("You may not edit this article.")
