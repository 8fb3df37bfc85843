"""Purging on commit: the one call an app's signal handlers make.

Each app says what its own writes purge, in its own signal_handlers.py, with
tag names from tags.py (issue 18): this app knows no model. A purge waits
for the commit: a page re-rendered before then would be cached with the old
data again.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from . import tags as page_tags
from .store import purge


def purge_on_commit(tags):
    tags = set(page_tags.checked(tags))
    transaction.on_commit(lambda: purge(tags))


def purge_row_on_change(sender, instance, **kwargs):
    """A post_save/post_delete handler: purge every page that showed the row."""
    purge_on_commit({page_tags.row(instance)})


def purge_rows_of(*models, dispatch_uid):
    """Connect purge_row_on_change for every save and delete of these models."""
    for model in models:
        post_save.connect(purge_row_on_change, sender=model, dispatch_uid=dispatch_uid)
        post_delete.connect(purge_row_on_change, sender=model, dispatch_uid=dispatch_uid)
