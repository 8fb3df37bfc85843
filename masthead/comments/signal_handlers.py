"""Side effects of comment events, run after the transaction commits."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save

from . import notifications
from .models import Comment, CommentSettings
from .signals import comment_was_moderated, comment_was_posted


def forget_cached_settings(sender, **kwargs):
    # Now, for this process; and after commit, in case another request cached
    # the old row in between.
    cache.delete(CommentSettings.CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CommentSettings.CACHE_KEY))


def comment_posted(sender, comment, request=None, **kwargs):
    base = _base_url(request)
    transaction.on_commit(lambda: notifications.comment_posted(comment, base=base))


def comment_moderated(sender, comment, previous_status, request=None, **kwargs):
    if comment.status == Comment.Status.APPROVED:
        base = _base_url(request)
        transaction.on_commit(lambda: notifications.comment_approved(comment, base=base))


def _base_url(request):
    # Links in emails use the host the site was reached on, never a fixed one.
    return request.build_absolute_uri("/") if request is not None else None


def connect():
    uid = "masthead_comments"
    post_save.connect(forget_cached_settings, sender=CommentSettings, dispatch_uid=uid)
    comment_was_posted.connect(comment_posted, dispatch_uid=uid)
    comment_was_moderated.connect(comment_moderated, dispatch_uid=uid)
