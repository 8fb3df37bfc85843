"""Who gets published at once and who waits for a moderator."""

from .models import Comment


class CommentPolicy:
    """WordPress's defaults: a returning commenter is trusted, a newcomer waits.

    Staff are trusted always. Later rules (links, word lists) slot in as methods.
    """

    def initial_status(self, *, name, email, user=None):
        if user is not None and user.is_authenticated and user.is_staff:
            return Comment.Status.APPROVED
        if Comment.objects.previously_approved(name=name, email=email):
            return Comment.Status.APPROVED
        return Comment.Status.PENDING


default_policy = CommentPolicy()
