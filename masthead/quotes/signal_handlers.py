"""Read a story's quotes when it is published or its words change.

The job is queued when the save's transaction commits and run by the
worker, so the editor's save never waits for the extractor.
"""

from django.db.models.signals import post_delete, post_save

from masthead.articles.models import Article
from masthead.people.signals import people_merging

from . import services, tasks
from .models import Quote


def article_saved(sender, instance, raw=False, **kwargs):
    if raw or instance.status not in services.PUBLIC_STATES:
        return
    tasks.schedule_extraction(article_id=instance.pk)


def quote_changed(sender, instance, **kwargs):
    # Editors' fixes in the admin: the article page and the speaker's page change.
    people = {instance.speaker_id, getattr(instance, "_speaker_before", None)}
    services.purge_quote_pages(article_ids={instance.article_id}, person_ids=people)


def connect():
    uid = "masthead_quotes"
    post_save.connect(article_saved, sender=Article, dispatch_uid=uid)
    post_save.connect(quote_changed, sender=Quote, dispatch_uid=uid)
    post_delete.connect(quote_changed, sender=Quote, dispatch_uid=uid)
    people_merging.connect(services.move_quotes_of_merged_people, dispatch_uid=uid)
