"""Keep the search index in step with articles: publish, edit, unpublish, delete.

Each change is applied after the transaction commits, so a rolled-back edit
never reaches the index and the index never sees half a save. (Bulk
`QuerySet.update()` sends no signal: run `rebuild_search_index` after one.)
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from masthead.articles.models import Article
from masthead.pagecache import tags as page_tags
from masthead.pagecache.store import purge

from . import services

# Search pages declare tags.SEARCH_RESULTS (views.search). The articles app
# purges its listings in an on_commit callback of its own, which runs before
# ours; purging again once the index has changed means no results page can
# be cached from the index as it was between the two.


def article_saved(sender, instance, **kwargs):
    article_id = instance.pk
    transaction.on_commit(lambda: reindexed(services.update_article, article_id))


def article_deleted(sender, instance, **kwargs):
    article_id = instance.pk
    transaction.on_commit(lambda: reindexed(services.remove_article, article_id))


def reindexed(change, article_id):
    change(article_id=article_id)
    purge({page_tags.SEARCH_RESULTS})


def connect():
    post_save.connect(
        article_saved, sender=Article, dispatch_uid="masthead_search_saved"
    )
    post_delete.connect(
        article_deleted, sender=Article, dispatch_uid="masthead_search_deleted"
    )
