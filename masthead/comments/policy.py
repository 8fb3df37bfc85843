"""Who gets published at once, who waits for a moderator, and who is refused.

Every rule reads the editor's `CommentSettings` row, so changing a number in
the admin changes behaviour without a deploy.
"""

from dataclasses import dataclass
from types import SimpleNamespace

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


class CommentPolicy:
    """WordPress's rules, in WordPress's order, with settings from the admin.

    Staff are trusted always and skip flood control, as WordPress exempts
    users who may moderate.
    """

    def admit(self, comment, *, user=None, rules=None):
        """Refuse floods (429) and duplicates (409); returns the flood slot taken.

        `rules` saves a second read of the settings when the caller has them.
        """
        if _is_staff(user):
            return []
        rules = rules or CommentSettings.current()
        try:
            slot = ratelimit.claim_slot(
                ip_address=comment.ip_address,
                email=comment.email,
                flood_seconds=rules.flood_seconds,
                max_per_hour=rules.max_per_hour,
            )
        except ratelimit.RateLimited as limited:
            raise CommentRejected(limited.message, status=429) from limited
        if self.is_duplicate(comment):
            ratelimit.release_slot(slot)
            raise CommentRejected(DUPLICATE_MESSAGE, status=409)
        return slot

    def is_duplicate(self, comment):
        query = _DUPLICATE_REPLIES if comment.parent_id else _DUPLICATE_COMMENTS
        return bool(query.all(**{name: getattr(comment, name) for name in _COMPARED}))

    def review(self, comment, *, user=None, bot=BotSignals(), rules=None):
        """The status a new comment starts with, and why."""
        if _is_staff(user):
            return Verdict(Comment.Status.APPROVED, "staff")
        rules = rules or CommentSettings.current()
        if bot.honeypot_filled:
            return Verdict(Comment.Status.SPAM, "honeypot field filled")
        if bot.fill_seconds is None or bot.fill_seconds < rules.min_fill_seconds:
            return Verdict(Comment.Status.SPAM, "form posted too fast or without its token")
        return self.review_content(comment, rules)

    def review_content(self, comment, rules):
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
        if not rules.hold_for_first_comment or _APPROVED_FROM.all(
            name=comment.name, email=(comment.email or "").strip()
        ):
            return Verdict(Comment.Status.APPROVED, "")
        return Verdict(Comment.Status.PENDING, "first comment")


def _is_staff(user):
    return user is not None and user.is_authenticated and user.is_staff


def _matched_fields(comment):
    return [comment.name, comment.email, comment.website, comment.body,
            comment.ip_address, comment.user_agent]  # fmt: skip


# The checks every post makes, prepared (core/prepared.py): together they
# cost ~1 ms of query building per post otherwise.
_COMPARED = ("article_id", "name", "email", "parent_id", "body")


def _duplicates(*, reply):
    # A top-level comment's parent compiles to IS NULL, a reply's to "= %s".
    params = {name: Param(name) for name in _COMPARED}
    params["parent_id"] = params["parent_id"] if reply else None
    return PreparedQuery(
        lambda: Comment.objects.duplicates_of(SimpleNamespace(**params)).values_list(
            "pk", flat=True
        )[:1]
    )


_DUPLICATE_COMMENTS = _duplicates(reply=False)
_DUPLICATE_REPLIES = _duplicates(reply=True)
_APPROVED_FROM = PreparedQuery(
    lambda: Comment.objects.approved_from(name=Param("name"), email=Param("email"))
    .values_list("pk", flat=True)[:1]
)

default_policy = CommentPolicy()
