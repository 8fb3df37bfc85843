"""Purge the cached pages that show a row when that row changes.

Each handler runs after the transaction commits: a page re-rendered before
then would be cached with the old data again.
"""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from .dependencies import instance_tag
from .store import purge


def purge_on_commit(tags):
    tags = set(tags)
    transaction.on_commit(lambda: purge(tags))


def article_collections(article, *, section_ids=(), tag_ids=None, author_ids=None):
    """Every listing an article can appear in."""
    tag_ids = article.tags.values_list("pk", flat=True) if tag_ids is None else tag_ids
    if author_ids is None:
        author_ids = article.bylines.values_list("person_id", flat=True)
    return (
        {"articles:all"}
        | {f"articles:section:{pk}" for pk in {article.section_id, *section_ids} if pk}
        | {f"articles:tag:{pk}" for pk in tag_ids}
        | {f"articles:author:{pk}" for pk in author_ids}
    )


def remember_article_state(sender, instance, **kwargs):
    """Keep what the article was before the save, to purge where it used to be listed."""
    old = None if instance._state.adding else sender.objects.filter(pk=instance.pk).first()
    instance._pagecache_before = (old.is_published, old.section_id) if old else (False, None)


def article_saved(sender, instance, created, **kwargs):
    was_public, old_section = getattr(instance, "_pagecache_before", (False, None))
    tags = {instance_tag(instance)}
    if was_public or instance.is_published:
        tags |= article_collections(instance, section_ids=[old_section])
    purge_on_commit(tags)


def article_deleted(sender, instance, **kwargs):
    # Related rows are gone by now: purge the broad listings.
    purge_on_commit({instance_tag(instance), "articles:all",
                     f"articles:section:{instance.section_id}"})


def article_tags_changed(sender, instance, action, pk_set, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        tags = {instance_tag(instance), "articles:all"}
        tags |= {f"articles:tag:{pk}" for pk in pk_set or ()}
        purge_on_commit(tags)


def byline_changed(sender, instance, **kwargs):
    purge_on_commit({
        f"articles.article:{instance.article_id}",
        f"articles:author:{instance.person_id}",
    })


def row_changed(sender, instance, **kwargs):
    """People, sections, tags, images: purge every page that showed the row."""
    tags = {instance_tag(instance)}
    if sender._meta.label_lower == "articles.section":
        tags.add("sections:all")
    purge_on_commit(tags)


def remember_comment_status(sender, instance, **kwargs):
    if instance._state.adding:
        instance._pagecache_was_public = False
        return
    old = sender.objects.filter(pk=instance.pk).values_list("status", flat=True).first()
    instance._pagecache_was_public = old == sender.Status.APPROVED


def comment_changed(sender, instance, **kwargs):
    was_public = getattr(instance, "_pagecache_was_public", False)
    if was_public or instance.status == sender.Status.APPROVED:
        purge_on_commit({instance_tag(instance), f"comments:article:{instance.article_id}"})


def connect():
    from masthead.articles.models import Article, ArticleAuthor, Section, Tag
    from masthead.comments.models import Comment
    from masthead.media.models import Image
    from masthead.people.models import Person

    uid = "masthead_pagecache"
    pre_save.connect(remember_article_state, sender=Article, dispatch_uid=uid)
    post_save.connect(article_saved, sender=Article, dispatch_uid=uid)
    post_delete.connect(article_deleted, sender=Article, dispatch_uid=uid)
    m2m_changed.connect(article_tags_changed, sender=Article.tags.through, dispatch_uid=uid)
    for model in (ArticleAuthor,):
        post_save.connect(byline_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(byline_changed, sender=model, dispatch_uid=uid)
    for model in (Person, Section, Tag, Image):
        post_save.connect(row_changed, sender=model, dispatch_uid=uid)
        post_delete.connect(row_changed, sender=model, dispatch_uid=uid)
    pre_save.connect(remember_comment_status, sender=Comment, dispatch_uid=uid)
    post_save.connect(comment_changed, sender=Comment, dispatch_uid=uid)
    post_delete.connect(comment_changed, sender=Comment, dispatch_uid=uid)
