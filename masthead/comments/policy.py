"""Who gets published at once, who waits for a moderator, and who is refused.

Every rule reads the editor's `CommentSettings` row, so changing a number in
the admin changes behaviour without a deploy.
"""

from dataclasses import dataclass
from types import SimpleNamespace

from django.db.models import Exists

from masthead.core.prepared import Param, PreparedQuery

from . import ratelimit, spam
from .models import Comment, CommentSettings

DUPLICATE_MESSAGE = (
    "Duplicate comment detected; it looks as though you've already said that!"
)


class CommentRejected(Exception):
    """A comment that may not be posted, with the reason to show the reader."""

    def __init__(self, message, *, field=None, status=400):
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


@dataclass(frozen=True)
class Verdict:
    status: str
    reason: str = ""


@dataclass(frozen=True)
class BotSignals:
    """What the form learned about the poster: honeypot and time taken."""

    honeypot_filled: bool = False
    fill_seconds: float | None = None


@dataclass(frozen=True)
class Standing:
    """The rules, and what the database says of one comment, read together."""

    rules: CommentSettings
    duplicate: bool  # the same text already, by the same name or email
    trusted: bool  # the name and email have an approved comment


class CommentPolicy:
    """WordPress's rules, in WordPress's order, with settings from the admin.

    Staff are trusted always and skip flood control, as WordPress exempts
    users who may moderate.
    """

    def standing(self, comment):
        """The rules and the comment's duplicate and trust checks: one query."""
        query = _STANDING_OF_REPLY if comment.parent_id else _STANDING
        values = {name: getattr(comment, name) for name in _COMPARED}
        values["trusted_email"] = (comment.email or "").strip()
        found = query.all(**values)
        if not found:  # a new site: create the rules row with its defaults
            CommentSettings.current()
            found = query.all(**values)
        rules = found[0]
        return Standing(rules, duplicate=rules.duplicate, trusted=rules.trusted)

    def admit(self, comment, *, user=None, standing=None):
        """Refuse duplicates (409) and floods (429); returns the flood slot taken.

        `standing` saves a second query when the caller has it.
        """
        standing = standing or self.standing(comment)
        if standing.duplicate:
            raise CommentRejected(DUPLICATE_MESSAGE, status=409)
        if _is_staff(user):
            return []
        rules = standing.rules
        try:
            return ratelimit.claim_slot(
                ip_address=comment.ip_address,
                email=comment.email,
                flood_seconds=rules.flood_seconds,
                max_per_hour=rules.max_per_hour,
            )
        except ratelimit.RateLimited as limited:
            raise CommentRejected(limited.message, status=429) from limited

    def is_duplicate(self, comment):
        return self.standing(comment).duplicate

    def review(self, comment, *, user=None, bot=BotSignals(), standing=None):
        """The status a new comment starts with, and why."""
        if _is_staff(user):
            return Verdict(Comment.Status.APPROVED, "staff")
        standing = standing or self.standing(comment)
        if bot.honeypot_filled:
            return Verdict(Comment.Status.SPAM, "honeypot field filled")
        if bot.fill_seconds is None or bot.fill_seconds < standing.rules.min_fill_seconds:
            return Verdict(Comment.Status.SPAM, "form posted too fast or without its token")
        return self.review_content(comment, standing)

    def review_content(self, comment, standing):
        rules = standing.rules
        fields = _matched_fields(comment)
        word = spam.first_match(spam.word_list(rules.disallowed_words), fields)
        if word:
            return Verdict(Comment.Status.SPAM, f"disallowed word “{word}”")
        word = spam.first_match(spam.word_list(rules.moderation_words), fields)
        if word:
            return Verdict(Comment.Status.PENDING, f"moderation word “{word}”")
        links = spam.count_links(comment.body)
        if rules.hold_link_count and links >= rules.hold_link_count:
            return Verdict(Comment.Status.PENDING, f"{links} links")
        if not rules.hold_for_first_comment or standing.trusted:
            return Verdict(Comment.Status.APPROVED, "")
        return Verdict(Comment.Status.PENDING, "first comment")


def _is_staff(user):
    return user is not None and user.is_authenticated and user.is_staff


def _matched_fields(comment):
    return [comment.name, comment.email, comment.website, comment.body,
            comment.ip_address, comment.user_agent]  # fmt: skip


# Every post reads the rules and makes both checks: one prepared query
# (core/prepared.py) instead of three round trips and ~1 ms of query building.
_COMPARED = ("article_id", "name", "email", "parent_id", "body")


def _standing(*, reply):
    def build():
        params = {name: Param(name) for name in _COMPARED}
        # A top-level comment's parent compiles to IS NULL, a reply's to "= %s".
        params["parent_id"] = params["parent_id"] if reply else None
        duplicates = Comment.objects.duplicates_of(SimpleNamespace(**params))
        approved = Comment.objects.approved_from(
            name=Param("name"), email=Param("trusted_email")
        )
        return CommentSettings.objects.filter(pk=CommentSettings.ROW).annotate(
            duplicate=Exists(duplicates), trusted=Exists(approved)
        )

    return PreparedQuery(build)


_STANDING = _standing(reply=False)
_STANDING_OF_REPLY = _standing(reply=True)
default_policy = CommentPolicy()
