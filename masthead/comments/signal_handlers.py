"""Side effects of comment events, after the transaction commits; emails by the worker."""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save

from masthead.editorial.jobs import enqueue_on_commit

from .models import Comment, CommentSettings
from .notifications import link_base
from .signals import comment_was_moderated
from .tasks import send_comment_emails


def forget_cached_settings(sender, **kwargs):
    # Now, for this process; and after commit, in case another request cached
    # the old row in between.
    cache.delete(CommentSettings.CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CommentSettings.CACHE_KEY))


def comment_moderated(sender, comment, previous_status, request=None, **kwargs):
    if comment.status == Comment.Status.APPROVED:
        base_url = link_base(request)
        enqueue_on_commit(send_comment_emails, comment.pk, "approved", base_url)


def connect():
    uid = "masthead_comments"
    post_save.connect(forget_cached_settings, sender=CommentSettings, dispatch_uid=uid)
    comment_was_moderated.connect(comment_moderated, dispatch_uid=uid)
