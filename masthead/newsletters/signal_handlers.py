"""What newsletter writes purge: the sign-up form on every page lists the
public newsletters, and the archive pages list the editions sent."""

from django.db.models.signals import post_delete, post_save

from masthead.pagecache import tags as page_tags
from masthead.pagecache.purges import purge_on_commit

from . import providers
from .models import Edition, Newsletter


def newsletter_changed(sender, instance, **kwargs):
    purge_on_commit({page_tags.NEWSLETTERS, page_tags.row(instance)})


def connect():
    providers.connect()
    for model in (Newsletter, Edition):
        post_save.connect(
            newsletter_changed,
            sender=model,
            dispatch_uid=f"newsletters-{model.__name__}-saved",
        )
        post_delete.connect(
            newsletter_changed,
            sender=model,
            dispatch_uid=f"newsletters-{model.__name__}-deleted",
        )
