from django.db import models
from django.db.models import Value
from django.db.models.functions import Lower

from masthead.core.prepared import Param

from .names import email_key


def _sql_value(value):
    """A plain value as a Value; a prepared query's Param as it is."""
    return value if isinstance(value, Param) else Value(value)


class CommentQuerySet(models.QuerySet):
    def public(self):
        """Comments anyone may read."""
        return self.filter(status=self.model.Status.APPROVED)

    def pending(self):
        """Comments awaiting a moderator."""
        return self.filter(status=self.model.Status.PENDING)

    def held(self):
        """Pending or spam: what a poster sees as "awaiting moderation"."""
        return self.filter(status__in=[self.model.Status.PENDING, self.model.Status.SPAM])

    def for_article(self, article):
        return self.filter(article=article).order_by("created_at", "id")

    def vouched_for(self, *, ids, email):
        """Approved comments among ``ids`` (those a browser's trust cookie
        claims) with this address: proof that the browser's owner was approved
        (trust.py). Name and email alone prove nothing. Values may be Params."""
        return self.public().by_email(email).filter(pk__in=ids)

    def by_email(self, email):
        """One commenter's comments, matched case-insensitively and by their
        canonical address (names.email_key: for trust, export and erasure) through the LOWER(email) index: iexact compiles to
        LIKE on SQLite, which reads every comment ever posted."""
        if not isinstance(email, Param):
            email = Value(email_key(email))
        return self.alias(email_lower=Lower("email")).filter(email_lower=Lower(email))

    def duplicates_of(self, comment):
        """WordPress's duplicate rule: same article, parent and text, by the same
        name or email. Trashed comments do not count: the reader may try again.

        Each side of the "or" names the article, so it is answered from an index
        ((article, name), or LOWER(email)) instead of reading every comment on
        a busy story."""
        from django.db.models import Q

        same_article = Q(article_id=comment.article_id)
        return (
            self.alias(email_lower=Lower("email"))
            .filter(
                (same_article & Q(name=comment.name))
                | (same_article & Q(email_lower=Lower(_sql_value(comment.email))))
            )
            .filter(parent_id=comment.parent_id, body=comment.body)
            .exclude(status=self.model.Status.TRASH)
        )
