"""Side effects of comment events, after the transaction commits: the pages a
comment changes are purged, and emails are sent by the worker."""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from masthead.jobs.queue import enqueue_on_commit
from masthead.pagecache import tags as page_tags
from masthead.pagecache.purges import purge_on_commit
from masthead.people.models import Person

from . import staff
from .models import Comment, CommentSettings
from .notifications import link_base
from .signals import comment_was_moderated
from .tasks import send_comment_emails

# A login saves last_login (and a rehash the password): neither is a name.
_ACCOUNT_CHURN = frozenset({"last_login", "password"})


def forget_cached_settings(sender, **kwargs):
    # Now, for this process; and after commit, in case another request cached
    # the old row in between.
    cache.delete(CommentSettings.CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CommentSettings.CACHE_KEY))


def comment_moderated(sender, comment, previous_status, request=None, **kwargs):
    if comment.status == Comment.Status.APPROVED:
        base_url = link_base(request)
        enqueue_on_commit(send_comment_emails, comment.pk, "approved", base_url)


def remember_comment_status(sender, instance, **kwargs):
    if instance._state.adding:
        instance._pagecache_was_public = False
        return
    old = sender.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    instance._pagecache_was_public = old == sender.Status.APPROVED


def comment_changed(sender, instance, **kwargs):
    """Only a public comment, or one that stops being public, changes a page."""
    was_public = getattr(instance, "_pagecache_was_public", False)
    if was_public or instance.status == sender.Status.APPROVED:
        purge_on_commit({page_tags.row(instance), page_tags.comments(instance.article_id)})


def staff_changed(sender, instance=None, update_fields=None, **kwargs):
    """Staff names and addresses are kept in memory (staff.py): forget them."""
    if update_fields is not None and set(update_fields) <= _ACCOUNT_CHURN:
        return
    staff.changed()


def connect():
    uid = "masthead_comments"
    pre_save.connect(remember_comment_status, sender=Comment, dispatch_uid=uid)
    post_save.connect(comment_changed, sender=Comment, dispatch_uid=uid)
    post_delete.connect(comment_changed, sender=Comment, dispatch_uid=uid)
    post_save.connect(forget_cached_settings, sender=CommentSettings, dispatch_uid=uid)
    comment_was_moderated.connect(comment_moderated, dispatch_uid=uid)
    for model in (get_user_model(), Person):
        post_save.connect(staff_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(staff_changed, sender=model, dispatch_uid=uid)
