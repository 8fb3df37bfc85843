from django.db import models


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

    def previously_approved(self, *, name, email):
        """WordPress's rule: a commenter known by name and email is trusted."""
        return self.public().filter(name=name, email__iexact=email).exists()

    def duplicates_of(self, comment):
        """WordPress's duplicate rule: same article, parent and text, by the same
        name or email. Trashed comments do not count: the reader may try again."""
        from django.db.models import Q

        return (
            self.filter(
                article_id=comment.article_id,
                parent_id=comment.parent_id,
                body=comment.body,
            )
            .filter(Q(name=comment.name) | Q(email__iexact=comment.email))
            .exclude(status=self.model.Status.TRASH)
        )

    def by_email(self, email):
        """Everything held about one commenter's address, for export and erasure."""
        return self.filter(email__iexact=(email or "").strip())
