"""A save made on an older version of a story is refused (issue 20).

Each save carries the version it was edited from (Article.version, counted
by Article.save). When someone saved since, the save is refused with who,
when and what differs between their text and yours; the refused text stays
in the form, and saving again, having read the diff, replaces theirs.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import dateformat, timezone

from masthead.articles.models import Article

from .diff import field_changes
from .models import Revision

LABELS = {
    "title": "Headline",
    "slug": "Slug",
    "standfirst": "Standfirst",
    "body": "Body",
}


@dataclass(frozen=True)
class Conflict:
    """Someone saved the story after this editor opened it."""

    editor: str  # who saved it, as a person reads it
    at: datetime
    version: int  # the version saved now
    changes: list  # diff.FieldChange: "-" theirs, "+" yours

    @property
    def when(self):
        return local_time(self.at)

    def sentence(self):
        return (
            f"{self.editor} saved this story at {self.when}, after you "
            "opened it. Your text is kept below; compare it with theirs, then "
            "save again to replace their version with yours."
        )


def stale_save(*, article_id, edited_version, yours, user):
    """The Conflict if the article changed since ``edited_version``, else None.

    Locks the article's row until the save's transaction ends (the admin
    saves in one), so nobody can save between this check and the save.
    """
    saved = Article.objects.select_for_update().filter(pk=article_id).first()
    if saved is None or saved.version == edited_version:
        return None
    last = Revision.objects.filter(article_id=article_id).select_related("user").first()
    theirs = {name: getattr(saved, name) for name in LABELS}
    mine = {name: yours.get(name, theirs[name]) for name in LABELS}
    return Conflict(
        editor=_editor(last, user),
        at=last.created_at if last else saved.modified_at,
        version=saved.version,
        changes=field_changes(theirs, mine, LABELS),
    )


def local_time(moment):
    """ "4 May 2026, 14:05 (Europe/Berlin)": the site's zone, named."""
    local = timezone.localtime(moment)
    zone = timezone.get_current_timezone_name()
    return f"{dateformat.format(local, 'j M Y, H:i')} ({zone})"


def editor_name(user):
    return user.get_full_name() or user.get_username()


def _editor(revision, user):
    if revision is None or revision.user is None:
        return "The scheduler" if revision else "Someone"
    if revision.user_id == user.pk:
        return "You (in another window)"
    return editor_name(revision.user)
