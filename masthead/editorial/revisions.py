"""Every save of an article keeps a revision; any revision can be restored."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from . import policy
from .models import Revision

# Field → label, in the order the comparison shows them.
LABELS = {
    "title": "Headline",
    "slug": "Slug",
    "standfirst": "Standfirst",
    "body": "Body",
    "section": "Section",
    "tags": "Tags",
    "authors": "Byline",
    "hero_image": "Hero image",
    "status": "Status",
    "published_at": "Publication time",
    "comments_enabled": "Comments open",
}
# State and publication time change only through services.py, never by restoring.
RESTORABLE = ["title", "slug", "standfirst", "body", "comments_enabled"]


def snapshot(article):
    """The article's editable fields as JSON-ready values; names kept for reading."""
    return {
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "section": str(article.section) if article.section_id else None,
        "section_id": article.section_id,
        "tags": sorted(tag.name for tag in article.tags.all()),
        "tag_ids": sorted(article.tags.values_list("pk", flat=True)),
        "authors": [
            str(byline.person) for byline in article.bylines.select_related("person")
        ],
        "hero_image": str(article.hero_image) if article.hero_image_id else None,
        "hero_image_id": article.hero_image_id,
        "status": article.status,
        "published_at": article.published_at.isoformat()
        if article.published_at
        else None,
        "comments_enabled": article.comments_enabled,
    }


def record(*, article, user, note=""):
    return Revision.objects.create(
        article=article, user=user, fields=snapshot(article), note=note[:200]
    )


def restore(*, revision, user):
    """Put a revision's words, section, tags and image back; itself a new revision."""
    article = revision.article
    if not policy.can_view_revisions(user, article):
        raise PermissionDenied("You may not restore revisions of this article.")
    fields = revision.fields
    with transaction.atomic():
        for name in RESTORABLE:
            setattr(article, name, fields[name])
        article.section_id = fields.get("section_id")
        article.hero_image_id = fields.get("hero_image_id")
        article.save()
        article.tags.set(
            article.tags.model.objects.filter(pk__in=fields.get("tag_ids", []))
        )
        return record(
            article=article, user=user, note=f"Restored revision {revision.pk}"
        )
