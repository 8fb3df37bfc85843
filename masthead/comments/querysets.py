from django.db import models


class CommentQuerySet(models.QuerySet):
    def public(self):
        """Comments anyone may read."""
        return self.filter(status=self.model.Status.APPROVED)

    def pending(self):
        """Comments awaiting a moderator."""
        return self.filter(status=self.model.Status.PENDING)

    def for_article(self, article):
        return self.filter(article=article).order_by("created_at", "id")

    def previously_approved(self, *, name, email):
        """WordPress's rule: a commenter known by name and email is trusted."""
        return self.public().filter(name=name, email__iexact=email).exists()
