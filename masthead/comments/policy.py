"""Who gets published at once, who waits for a moderator, and who is refused.

Every rule reads the editor's `CommentSettings` row, so changing a number in
the admin changes behaviour without a deploy.
"""

from dataclasses import dataclass
from types import SimpleNamespace

from django.db.models import Exists

from masthead.core.prepared import Param, PreparedQuery

from . import ratelimit, spam, staff
from .models import Comment, CommentSettings
from .names import email_key, name_key
from .trust import MAX_CLAIMS, NO_VOUCHER

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
    trusted: bool  # the poster's browser proved an approved comment (trust.py)


class CommentPolicy:
    """WordPress's rules, in WordPress's order, with settings from the admin,
    except that trust is a browser's, never a name and email's (trust.py).

    Staff signed in are trusted always and skip flood control, as WordPress
    exempts users who may moderate; a reader who borrows a staff member's
    address or name is held and flagged.
    """

    def standing(self, comment, voucher=NO_VOUCHER):
        """The rules, the duplicate check and the voucher's proof: one query."""
        query = _STANDING_OF_REPLY if comment.parent_id else _STANDING
        values = {name: getattr(comment, name) for name in _COMPARED}
        values["trusted_email"] = email_key(comment.email)
        # Unused slots are 0, which no comment has; a trusted voucher needs no proof.
        claims = () if voucher.trusted else voucher.claims[-MAX_CLAIMS:]
        padded = list(claims) + [0] * (MAX_CLAIMS - len(claims))
        values.update((f"claim{n}", pk) for n, pk in enumerate(padded))
        found = query.all(**values)
        if not found:  # a new site: create the rules row with its defaults
            CommentSettings.current()
            found = query.all(**values)
        rules = found[0]
        trusted = voucher.trusted or rules.vouched
        return Standing(rules, duplicate=rules.duplicate, trusted=trusted)

    def flag(self, comment, *, user=None):
        """Comment.Flag for a reader who borrows a staff address or name.

        Compared in canonical form with sets kept in memory (staff.py): no query.
        """
        if is_staff(user):
            return Comment.Flag.NONE
        known = staff.identities()
        if email_key(comment.email) in known.emails:
            return Comment.Flag.STAFF_EMAIL
        if name_key(comment.name) in known.names:
            return Comment.Flag.STAFF_NAME
        return Comment.Flag.NONE

    def admit(self, comment, *, user=None, standing=None):
        """Refuse duplicates (409) and floods (429); returns the flood slot taken.

        `standing` saves a second query when the caller has it.
        """
        standing = standing or self.standing(comment)
        if standing.duplicate:
            raise CommentRejected(DUPLICATE_MESSAGE, status=409)
        if is_staff(user):
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
        if is_staff(user):
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
        if comment.flag:  # set by flag(): a reader using a staff address or name
            reason = str(Comment.Flag(comment.flag).label)
            return Verdict(Comment.Status.PENDING, reason)
        word = spam.first_match(spam.word_list(rules.moderation_words), fields)
        if word:
            return Verdict(Comment.Status.PENDING, f"moderation word “{word}”")
        links = spam.count_links(comment.body)
        if rules.hold_link_count and links >= rules.hold_link_count:
            return Verdict(Comment.Status.PENDING, f"{links} links")
        if not rules.hold_for_first_comment or standing.trusted:
            return Verdict(Comment.Status.APPROVED, "")
        return Verdict(Comment.Status.PENDING, "first comment")


def is_staff(user):
    """A signed-in staff member: trusted, unflagged, and their comments badged."""
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
        vouched = Comment.objects.vouched_for(
            ids=[Param(f"claim{n}") for n in range(MAX_CLAIMS)],
            email=Param("trusted_email"),
        )
        return CommentSettings.objects.filter(pk=CommentSettings.ROW).annotate(
            duplicate=Exists(duplicates), vouched=Exists(vouched)
        )

    return PreparedQuery(build)


_STANDING = _standing(reply=False)
_STANDING_OF_REPLY = _standing(reply=True)
default_policy = CommentPolicy()
