"""Side effects of comment events, after the transaction commits; emails by the worker."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save

from masthead.editorial.jobs import enqueue_on_commit

from .models import Comment, CommentSettings
from .signals import comment_was_moderated, comment_was_posted
from .tasks import send_comment_emails


def forget_cached_settings(sender, **kwargs):
    # Now, for this process; and after commit, in case another request cached
    # the old row in between.
    cache.delete(CommentSettings.CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CommentSettings.CACHE_KEY))


def comment_posted(sender, comment, request=None, **kwargs):
    enqueue_on_commit(send_comment_emails, comment.pk, "posted", _base_url(request))


def comment_moderated(sender, comment, previous_status, request=None, **kwargs):
    if comment.status == Comment.Status.APPROVED:
        base_url = _base_url(request)
        enqueue_on_commit(send_comment_emails, comment.pk, "approved", base_url)


def _base_url(request):
    # Links in emails use the host the site was reached on, never a fixed one.
    return request.build_absolute_uri("/") if request is not None else None


def connect():
    uid = "masthead_comments"
    post_save.connect(forget_cached_settings, sender=CommentSettings, dispatch_uid=uid)
    comment_was_posted.connect(comment_posted, dispatch_uid=uid)
    comment_was_moderated.connect(comment_moderated, dispatch_uid=uid)
