"""Writes to comments: posting and moderating, shared by views, admin and API."""

from django.conf import settings
from django.db import transaction

from .models import Comment
from .policy import default_policy
from .signals import comment_was_moderated, comment_was_posted


class CommentRejected(Exception):
    """A comment that may not be posted, with the reason to show the reader."""

    def __init__(self, message, *, field=None, status=400):
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status


def post_comment(*, article, name, email, body, website="", parent_id=None,
                 ip_address=None, user_agent="", user=None, policy=default_policy,
                 request=None):
    """Store a reader's comment with the status the moderation policy gives it."""
    if not article.is_published or not article.comments_are_open():
        raise CommentRejected("Comments are closed.", status=403)
    parent = _reply_parent(article, parent_id)
    comment = Comment(
        article=article,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        name=name,
        email=email,
        website=website,
        body=body,
        ip_address=ip_address,
        user_agent=(user_agent or "")[:500],
        user=user if user is not None and user.is_authenticated else None,
        status=policy.initial_status(name=name, email=email, user=user),
    )
    with transaction.atomic():
        comment.save()
    comment_was_posted.send(sender=Comment, comment=comment, request=request)
    return comment


def _reply_parent(article, parent_id):
    if not parent_id:
        return None
    parent = Comment.objects.public().filter(article=article, pk=parent_id).first()
    if parent is None:
        raise CommentRejected(
            "The comment you are replying to is not available.", field="parent"
        )
    if parent.depth + 1 >= settings.MASTHEAD_COMMENTS_MAX_DEPTH:
        raise CommentRejected("This thread is too deep to reply to.", field="parent")
    return parent


def moderate(*, comments, status):
    """Set the status of comments (a queryset) and announce each change."""
    changed = []
    for comment in comments.exclude(status=status):
        previous = comment.status
        comment.status = status
        comment.save(update_fields=["status"])
        changed.append((comment, previous))
    for comment, previous in changed:
        comment_was_moderated.send(
            sender=Comment, comment=comment, previous_status=previous
        )
    return len(changed)


def approve(comments):
    return moderate(comments=comments, status=Comment.Status.APPROVED)


def mark_spam(comments):
    return moderate(comments=comments, status=Comment.Status.SPAM)


def trash(comments):
    return moderate(comments=comments, status=Comment.Status.TRASH)
