"""What a write to an article, a byline, a section or a tag purges; bylines
follow a merged person.

An article is shown on its own page and listed on the home page, in its
section, under its tags and on its authors' pages: a change to it purges
where it is listed now and where it was listed before the save.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from masthead.media.embeds import request_embeds
from masthead.media.models import Embed, Image
from masthead.pagecache import expiry
from masthead.pagecache import tags as page_tags
from masthead.pagecache.purges import purge_on_commit, purge_rows_of
from masthead.people.signals import people_merging

from .models import Article, ArticleAuthor, BodyReference, Section, Tag
from .story import IMAGE_FOLDER

# A re-rendered body changes only these: saving them never cascades further.
BODY_FIELDS = ["body_html", "story", "word_count", "reading_minutes"]


def article_collections(article, *, section_ids=(), tag_ids=None, author_ids=None):
    """Every listing an article can appear in."""
    tag_ids = article.tags.values_list("pk", flat=True) if tag_ids is None else tag_ids
    if author_ids is None:
        author_ids = article.bylines.values_list("person_id", flat=True)
    return (
        {page_tags.ARTICLES}
        | {page_tags.section(pk) for pk in {article.section_id, *section_ids} if pk}
        | {page_tags.tag(pk) for pk in tag_ids}
        | {page_tags.author(pk) for pk in author_ids}
    )


def remember_article_state(sender, instance, **kwargs):
    """Keep what the article was before the save, to purge where it used to be listed."""
    old = None if instance._state.adding else sender.objects.filter(pk=instance.pk).first()
    instance._pagecache_before = (old.is_published, old.section_id) if old else (False, None)
    instance._card_before = _card(old) if old else None


def _card(article):
    """What another story's related-story card shows of this one."""
    return (article.slug, article.title, article.hero_image_id, article.is_published)


def article_saved(sender, instance, created, **kwargs):
    was_public, old_section = getattr(instance, "_pagecache_before", (False, None))
    tags = {page_tags.row(instance)}
    if was_public or instance.is_published:
        tags |= article_collections(instance, section_ids=[old_section])
    purge_on_commit(tags)


def story_references_saved(sender, instance, update_fields=None, **kwargs):
    """Keep the body's references, queue its embeds, and render again the
    stories whose related-story cards show this one when the card changed."""
    wanted = getattr(instance, "body_references_wanted", None)
    if wanted is not None:
        BodyReference.objects.sync(instance, wanted)
        request_embeds([key for kind, key in wanted if kind == BodyReference.Kind.EMBED])
    before = getattr(instance, "_card_before", None)
    if before != _card(instance):  # new, or its card changed
        slugs = {instance.slug} | ({before[0]} if before else set())
        render_stories_showing(BodyReference.Kind.ARTICLE, slugs)


def render_stories_showing(kind, keys):
    """Render again every story whose body shows one of these rows."""
    for article in Article.objects.showing(kind, keys):
        article.save(update_fields=BODY_FIELDS)


def image_changed(sender, instance, **kwargs):
    if instance.file.name:
        name = instance.file.name.removeprefix(IMAGE_FOLDER)
        render_stories_showing(BodyReference.Kind.IMAGE, {name})


def embed_changed(sender, instance, **kwargs):
    render_stories_showing(BodyReference.Kind.EMBED, {instance.url})


def article_deleted(sender, instance, **kwargs):
    # Related rows are gone by now: purge the broad listings.
    tags = {page_tags.row(instance), page_tags.ARTICLES}
    if instance.section_id:
        tags.add(page_tags.section(instance.section_id))
    purge_on_commit(tags)


def article_tags_changed(sender, instance, action, pk_set, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        tags = {page_tags.row(instance), page_tags.ARTICLES}
        tags |= {page_tags.tag(pk) for pk in pk_set or ()}
        purge_on_commit(tags)


def byline_changed(sender, instance, **kwargs):
    purge_on_commit({
        page_tags.row_of(Article, instance.article_id),
        page_tags.author(instance.person_id),
    })


def section_changed(sender, instance, **kwargs):
    # Every page's navigation lists the sections.
    purge_on_commit({page_tags.SECTIONS})


def move_bylines_of_merged_people(sender, *, keep, others, **kwargs):
    """people_merging: the duplicates' bylines become the kept person's (saved
    one by one, so each purges its story and author pages)."""
    ids = [p.pk for p in others]
    taken = set(ArticleAuthor.objects.filter(person=keep).values_list("article_id", flat=True))
    for byline in ArticleAuthor.objects.filter(person_id__in=ids).order_by("position", "pk"):
        if byline.article_id in taken:
            byline.delete()  # both names were on the story: one byline is enough
        else:
            byline.person = keep
            byline.save(update_fields=["person"])
            taken.add(byline.article_id)


def connect():
    uid = "masthead_articles_pagecache"
    pre_save.connect(remember_article_state, sender=Article, dispatch_uid=uid)
    post_save.connect(article_saved, sender=Article, dispatch_uid=uid)
    post_delete.connect(article_deleted, sender=Article, dispatch_uid=uid)
    # Django keeps one receiver per (dispatch_uid, sender): these need their own.
    story_uid = "masthead_articles_story"
    post_save.connect(story_references_saved, sender=Article, dispatch_uid=story_uid)
    post_save.connect(image_changed, sender=Image, dispatch_uid=story_uid)
    post_delete.connect(image_changed, sender=Image, dispatch_uid=story_uid)
    post_save.connect(embed_changed, sender=Embed, dispatch_uid=story_uid)
    m2m_changed.connect(article_tags_changed, sender=Article.tags.through, dispatch_uid=uid)
    post_save.connect(byline_changed, sender=ArticleAuthor, dispatch_uid=uid)
    post_delete.connect(byline_changed, sender=ArticleAuthor, dispatch_uid=uid)
    purge_rows_of(Section, Tag, dispatch_uid=uid)
    post_save.connect(section_changed, sender=Section, dispatch_uid=uid)
    post_delete.connect(section_changed, sender=Section, dispatch_uid=uid)
    people_merging.connect(move_bylines_of_merged_people, dispatch_uid=uid)
    # A scheduled story appears on the minute: no cached page outlives its embargo.
    expiry.register(Article.objects.next_embargo_lift)
