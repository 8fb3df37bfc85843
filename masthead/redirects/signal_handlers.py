"""Old addresses of stories, sections, tags and people redirect by themselves.

Before a save, the row's live addresses are remembered; after it, each one
that changed redirects to its new form, and the row's current addresses, if
live, are released from any redirect. A change to a redirect purges every
response cached at its old address, so neither an old page nor an old 301
outlives it (the page cache keys responses by host and query string too;
tags.path() names them all).
"""

from django.db.models.signals import post_delete, post_save, pre_save

from masthead.pagecache import tags as page_tags
from masthead.pagecache.purges import purge_on_commit
from masthead.people.signals import people_merging

from . import addresses, services
from .models import Redirect


def remember_addresses(sender, instance, raw=False, update_fields=None, **kwargs):
    fields = addresses.url_fields(sender)
    if raw or (update_fields is not None and not set(fields) & set(update_fields)):
        return  # a fixture, or a save that cannot move the row (a re-rendered body)
    before = None
    if not instance._state.adding:
        before = sender._base_manager.filter(pk=instance.pk).only(*fields).first()
    live = before is not None and addresses.is_live(before)
    instance._redirect_from = addresses.addresses_of(before) if live else []


def record_moves(sender, instance, **kwargs):
    moved_from = instance.__dict__.pop("_redirect_from", None)
    if moved_from is None:
        return  # remember_addresses saw nothing to follow
    now = addresses.addresses_of(instance)
    if addresses.is_live(instance):
        services.release(addresses=now)
    # Empty when the row was not live: a draft's old slug was never public.
    for old, new in zip(moved_from, now[: len(moved_from)], strict=True):
        if old != new:
            services.record_move(old_path=old, new_path=new)


def redirect_merged_people(sender, *, keep, others, **kwargs):
    """people_merging: a duplicate's author and voices pages lead to the kept person."""
    for other in others:
        for old, new in zip(
            addresses.addresses_of(other), addresses.addresses_of(keep), strict=True
        ):
            services.record_move(old_path=old, new_path=new)


def redirect_changed(sender, instance, **kwargs):
    old_paths = {instance.old_path, getattr(instance, "_loaded_old_path", None)}
    purge_on_commit({page_tags.path(path) for path in old_paths if path})


def connect():
    uid = "masthead_redirects"
    for model in addresses.URL_NAMES:
        pre_save.connect(remember_addresses, sender=model, dispatch_uid=uid)
        post_save.connect(record_moves, sender=model, dispatch_uid=uid)
    post_save.connect(redirect_changed, sender=Redirect, dispatch_uid=uid)
    post_delete.connect(redirect_changed, sender=Redirect, dispatch_uid=uid)
    people_merging.connect(redirect_merged_people, dispatch_uid=uid)
